package org.relops.support.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a request whose path or query holds a control character (a NUL, a newline) before any resource or
 * database sees it: no relops name, id or filter has one, and PostgreSQL cannot even store a NUL.
 */
@Provider
@PreMatching
public class ControlCharacterGuard implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (hasControlCharacter(request.getUriInfo().getPath())) {
            refuse(request, "the path holds a control character; names and ids have none");
            return;
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            if (hasControlCharacter(parameter.getKey())
                    || parameter.getValue().stream().anyMatch(ControlCharacterGuard::hasControlCharacter)) {
                String name = hasControlCharacter(parameter.getKey()) ? "a query parameter's name"
                        : "query parameter '" + cut(parameter.getKey()) + "'";
                refuse(request, name + " holds a control character; names, ids and filters have none");
                return;
            }
        }
    }

    private static void refuse(ContainerRequestContext request, String detail) {
        request.abortWith(ProblemMappers.respond(Problem.of(400, "Bad Request", detail)));
    }

    private static String cut(String name) {
        return name.length() <= 100 ? name : name.substring(0, 100) + "…";
    }

    static boolean hasControlCharacter(String text) {
        return text != null && text.chars().anyMatch(Character::isISOControl);
    }
}
