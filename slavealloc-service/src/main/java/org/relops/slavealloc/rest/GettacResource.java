package org.relops.slavealloc.rest;

import java.util.Optional;
import java.util.concurrent.Executor;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.relops.slavealloc.service.Requester;
import org.relops.slavealloc.service.TacAnswers;
import org.relops.slavealloc.service.TacOutcome;
import org.relops.support.rest.Problem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /gettac/{slave}}: what buildbot slaves fetch at every boot, in the original allocator's
 * wire format (plain text, never cached, the classic 404 body), so existing slaves work unchanged. Served on
 * the event loop: {@link TacAnswers} moves whatever blocks to worker threads.
 */
@PermitAll
@Path("/gettac")
public class GettacResource {

    /** The 404 body slaves have always seen. */
    public static final String NO_ALLOCATION = "no allocation available";

    /** Header (or {@code ?token=}) carrying a slave's tac token. */
    public static final String TOKEN_HEADER = "X-Slavealloc-Token";

    private static final String COUNTER = "relops.slavealloc.gettac";

    @Inject
    TacAnswers answers;

    @Inject
    MeterRegistry metrics;

    private Counter served;
    private Counter refused;
    private Counter noAllocation;

    @PostConstruct
    void registerCounters() {
        served = metrics.counter(COUNTER, "outcome", "served");
        refused = metrics.counter(COUNTER, "outcome", "refused");
        noAllocation = metrics.counter(COUNTER, "outcome", "no_allocation");
    }

    @GET
    @Path("/{slave}")
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<Response> gettac(@PathParam("slave") String slave, @Context HttpServerRequest request,
            @HeaderParam(TOKEN_HEADER) String tokenHeader, @QueryParam("token") String tokenParameter) {
        Optional<String> token = Optional.ofNullable(tokenHeader).or(() -> Optional.ofNullable(tokenParameter));
        String address = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        var eventLoop = Vertx.currentContext();
        Executor resume = eventLoop == null ? Runnable::run : command -> eventLoop.runOnContext(ignored -> command.run());
        return Uni.createFrom().completionStage(() -> answers.answer(slave, new Requester(address, token), resume))
                .map(outcome -> {
                    (outcome instanceof TacOutcome.Served ? served : outcome instanceof TacOutcome.Refused ? refused
                            : noAllocation).increment();
                    return respond(outcome);
                });
    }

    static Response respond(TacOutcome outcome) {
        if (outcome instanceof TacOutcome.Served served) {
            return plain(Response.ok(served.tac()));
        }
        if (outcome instanceof TacOutcome.Refused refused) {
            return Response.status(403).type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(403, "Forbidden", refused.why())).build();
        }
        return plain(Response.status(404).entity(NO_ALLOCATION));
    }

    private static Response plain(Response.ResponseBuilder response) {
        return response.type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).header("Cache-Control", "no-cache")
                .build();
    }
}
