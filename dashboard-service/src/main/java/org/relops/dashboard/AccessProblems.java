package org.relops.dashboard;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Problem-details answers (RFC 9457) when the dashboard's read model is asked for without a good token: 401 when
 * none came (neither the sign-in cookie nor an Authorization header) or it is not this environment's, 403 when its
 * roles serve nothing here. The page signs in again on either.
 */
public class AccessProblems {

    @ServerExceptionMapper
    public Response missingToken(UnauthorizedException e) {
        return problem(401, "Unauthorized", "sign in on the dashboard's page, or send Authorization: Bearer with a "
                + "token of this RelOps environment (a viewer's is enough)");
    }

    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e) {
        return problem(401, "Unauthorized", "the token is not valid here: expired, not signed by this RelOps "
                + "environment's key, or issued for another environment");
    }

    @ServerExceptionMapper
    public Response notAllowed(ForbiddenException e) {
        return problem(403, "Forbidden", "the dashboard serves viewers, requesters and operators; the token has none "
                + "of those roles");
    }

    static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", title, "status", status, "detail", detail)).build();
    }
}
