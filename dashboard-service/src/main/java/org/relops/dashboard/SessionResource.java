package org.relops.dashboard;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.relops.model.auth.Roles;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * {@code POST /v1/session}: a browser signs in with a token of the environment (at least a viewer's), which the
 * dashboard checks and hands back as an HttpOnly cookie: the page's scripts never hold it, and the event stream
 * (which cannot send headers) carries it. {@code DELETE} signs out.
 */
@Path("/v1/session")
@PermitAll
public class SessionResource {

    static final String COOKIE = "relops-dashboard-token";

    @Inject
    JWTParser parser;

    /** The sign-in form's body. */
    public record SignIn(String token) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(SignIn signIn, @Context UriInfo request) {
        if (signIn == null || signIn.token() == null || signIn.token().isBlank()) {
            return problem(400, "A token is needed", "send {\"token\": \"...\"}: a token of this environment "
                    + "(./relops token viewer prints one for the local stack)");
        }
        JsonWebToken token;
        try {
            token = parser.parse(signIn.token().trim());
        } catch (ParseException e) {
            return problem(401, "Not a valid token of this environment", "the token is malformed, expired, or not "
                    + "signed by this environment's key and issuer");
        }
        if (Roles.ALL.stream().noneMatch(token.getGroups()::contains)) {
            return problem(403, "The token has no role the dashboard serves", "a viewer, requester or operator "
                    + "token is needed; this one's roles: " + token.getGroups());
        }
        long seconds = Math.max(0, token.getExpirationTime() - System.currentTimeMillis() / 1000);
        NewCookie cookie = new NewCookie.Builder(COOKIE).value(signIn.token().trim()).path("/").httpOnly(true)
                .secure(overHttps(request)).sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) Math.min(seconds, Integer.MAX_VALUE)).build();
        return Response.noContent().cookie(cookie).build();
    }

    @DELETE
    public Response signOut(@Context UriInfo request) {
        NewCookie expired = new NewCookie.Builder(COOKIE).value("").path("/").httpOnly(true)
                .secure(overHttps(request)).sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
        return Response.noContent().cookie(expired).build();
    }

    /**
     * Whether the browser reached the dashboard over HTTPS, itself or through a TLS proxy on this host that says so
     * ({@code X-Forwarded-Proto}, honoured from the trusted proxies only): then the cookie is Secure, so the browser
     * never sends the token over plain HTTP.
     */
    private static boolean overHttps(UriInfo request) {
        return "https".equalsIgnoreCase(request.getRequestUri().getScheme());
    }

    private static Response problem(int status, String title, String detail) {
        return AccessProblems.problem(status, title, detail);
    }
}
