package org.relops.support.auth;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.relops.support.rest.Problem;
import org.relops.support.rest.ProblemMappers;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Problem-details answers for calls that are not allowed: 401 with a Bearer challenge when the token is
 * missing, expired, forged or from another RelOps environment (the reason is not told: a caller that
 * probes learns nothing), 403 when the token is good but its roles do not allow the operation.
 */
public class AuthenticationProblems {

    static final String CHALLENGE = "Bearer realm=\"relops\"";

    @ServerExceptionMapper
    public Response missingToken(UnauthorizedException e) {
        return unauthorized("this operation needs a bearer token of this RelOps environment (Authorization: Bearer ...)");
    }

    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e) {
        return unauthorized("the bearer token is not valid here: expired, not signed by this RelOps environment's key, "
                + "or issued for another environment");
    }

    @ServerExceptionMapper
    public Response notAllowed(ForbiddenException e) {
        String detail = e.getMessage() != null && e.getMessage().startsWith(CallerRoles.REFUSAL)
                ? e.getMessage()
                : "the token's roles do not allow this operation; the service's OpenAPI document (/q/openapi) names the "
                        + "role each operation needs";
        return ProblemMappers.respond(Problem.of(403, "Forbidden", detail));
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(ProblemMappers.respond(Problem.of(401, "Unauthorized", detail)))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }
}
