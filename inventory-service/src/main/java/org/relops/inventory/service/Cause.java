package org.relops.inventory.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.relops.support.consume.EventContext;

/**
 * Who or what changed a system, when and why: an event from the flow, an operator, or this
 * service itself. {@code event} is set only when an event caused it.
 */
public record Cause(String actor, String reason, OffsetDateTime time, EventContext event) {

    /** Caused by a handled event: the actor is the service that sent it and the event type. */
    public static Cause event(EventContext event, String reason) {
        OffsetDateTime time = event.time() == null ? now() : event.time();
        return new Cause(event.type() + " from " + event.source(), reason, time, event);
    }

    /** Caused by a person or tool through the API. */
    public static Cause operator(String who, String reason) {
        return new Cause("operator " + who, reason, now(), null);
    }

    /** Caused by inventory-service itself (placement, the inventory file). */
    public static Cause service(String what, String reason, EventContext event) {
        return new Cause(what, reason, now(), event);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
