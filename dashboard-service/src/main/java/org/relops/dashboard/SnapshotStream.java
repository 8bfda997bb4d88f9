package org.relops.dashboard;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import org.relops.model.auth.Roles;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/stream}: the dashboard's snapshot as server-sent events, the whole of it at once when a browser
 * connects and again every time it changes (a {@code snapshot} event each time). The snapshot is small
 * (an environment's requests, systems, images and masters), so a browser never has to merge.
 */
@Path("/v1/stream")
@ApplicationScoped
public class SnapshotStream {

    @Inject
    ReadModel model;

    private volatile Sse sse;
    private volatile SseBroadcaster broadcaster;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Roles.VIEWER)
    public void stream(@Context SseEventSink sink, @Context Sse context) {
        SseBroadcaster to = broadcaster(context);
        sink.send(event(model.snapshot()));
        to.register(sink);
    }

    void broadcast(ObjectNode snapshot) {
        SseBroadcaster to = broadcaster;
        if (to != null) {
            to.broadcast(event(snapshot));
        }
    }

    private synchronized SseBroadcaster broadcaster(Sse context) {
        if (broadcaster == null) {
            sse = context;
            broadcaster = context.newBroadcaster();
        }
        return broadcaster;
    }

    private OutboundSseEvent event(ObjectNode snapshot) {
        return sse.newEventBuilder().name("snapshot").id(String.valueOf(snapshot.path("version").asLong()))
                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, snapshot.toString()).build();
    }
}
