package org.relops.support.rest;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.relops.support.audit.AuditTrail;
import org.relops.support.consume.DeadLetterQueue;
import org.relops.support.consume.DeadLetterQueue.DeadLetter;

/** Every service's dead-letter queue over REST: what is in it and why, and replaying it once the cause is fixed. */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/dead-letters")
public class DeadLetterResource {

    static final int MAX_REPLAY = 1000;

    @Inject
    DeadLetterQueue queue;

    @Inject
    AuditTrail audit;

    @GET
    @Operation(summary = "A page of the messages in this service's dead-letter queue, from its head, each with its "
            + "reason and the queue it came from; they stay in the queue")
    public ListPage<DeadLetter> list(@BeanParam PageParams page) {
        try {
            List<DeadLetter> head = queue.list(Math.toIntExact(page.offset() + page.size()));
            ListPage<DeadLetter> slice = ListPage.of(head, page);
            return new ListPage<>(slice.items(), Math.max(queue.depth(), head.size()), slice.page(), slice.size());
        } catch (ArithmeticException e) {
            throw ProblemException.badRequest("page " + page.page() + " of size " + page.size() + " is past any queue");
        } catch (IOException | TimeoutException e) {
            throw ProblemException.unavailable("cannot read " + queue.name() + ": " + e.getMessage());
        }
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/replay")
    @Operation(summary = "Puts dead-lettered messages back into the queues they came from, attempts counted from "
            + "zero: the one of messageId, or all (up to limit, 1 to 1000); answers with those replayed")
    public ListPage<DeadLetter> replay(@QueryParam("messageId") String messageId,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_REPLAY) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_REPLAY + ", not " + limit);
        }
        try {
            List<DeadLetter> replayed = queue.replay(letter -> messageId == null
                    || messageId.equals(letter.messageId()), limit);
            // the broker holds the messages, not the database: the entry follows the broker's confirm
            QuarkusTransaction.requiringNew().run(() -> audit.record("dead-letters/" + queue.name(), "replayed",
                    replayed.size() + " message(s)" + (messageId == null ? "" : ": " + messageId)));
            return new ListPage<>(replayed, replayed.size(), 0, limit);
        } catch (IOException | TimeoutException e) {
            throw ProblemException.unavailable("cannot replay " + queue.name() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted replaying " + queue.name());
        }
    }
}
