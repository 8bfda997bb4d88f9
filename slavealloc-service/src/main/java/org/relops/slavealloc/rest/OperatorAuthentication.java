package org.relops.slavealloc.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.relops.slavealloc.config.SlaveallocConfig;
import org.relops.slavealloc.service.TacAccess;
import org.relops.support.rest.Problem;

/**
 * Every write to {@code /api} needs the operator's bearer token
 * ({@code relops.slavealloc.auth.operator-token}); without one configured, every write is refused.
 * Reads stay open, as they never show a secret. Writes are logged by method and path, never with
 * their body or the token.
 */
public class OperatorAuthentication {

    private static final Logger LOG = Logger.getLogger(OperatorAuthentication.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String BEARER = "Bearer ";

    @Inject
    SlaveallocConfig config;

    @ServerRequestFilter
    public Optional<Response> requireOperator(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (READS.contains(request.getMethod()) || !path.startsWith("/api")) {
            return Optional.empty();
        }
        Optional<String> expected = config.auth().operatorToken().filter(token -> !token.isBlank());
        if (expected.isEmpty()) {
            return Optional.of(refuse("writes are disabled: no operator token is configured"));
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(BEARER)) {
            return Optional.of(refuse("writes need the operator token as 'Authorization: Bearer <token>'"));
        }
        if (!sameToken(header.substring(BEARER.length()).trim(), expected.get())) {
            LOG.warnf("refused %s %s: wrong operator token", request.getMethod(), path);
            return Optional.of(refuse("the operator token is wrong"));
        }
        LOG.infof("operator %s %s", request.getMethod(), path);
        return Optional.empty();
    }

    private static boolean sameToken(String shown, String expected) {
        // Compare digests so that neither the length nor a prefix of the token leaks through timing.
        return MessageDigest.isEqual(TacAccess.hash(shown).getBytes(StandardCharsets.US_ASCII),
                TacAccess.hash(expected).getBytes(StandardCharsets.US_ASCII));
    }

    private static Response refuse(String detail) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"slavealloc\"")
                .entity(Problem.of(401, "Unauthorized", detail)).build();
    }
}
