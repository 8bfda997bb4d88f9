package org.relops.inventory.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.relops.support.consume.EventContext;

/**
 * Who or what changed a system, when and why: an event from the flow, an operator, or this
 * service itself. {@code event} is set when an event caused it; {@code clock} names the service
 * whose clock {@code time} was read from ({@code null}: this service's own).
 */
public record Cause(String actor, String reason, OffsetDateTime time, EventContext event, String clock) {

    /** Caused by a handled event, at the event's time: the actor is the event type and its sender. */
    public static Cause event(EventContext event, String reason) {
        if (event.time() == null) {
            return new Cause(actor(event), reason, now(), event, null);
        }
        return new Cause(actor(event), reason, event.time(), event, event.source());
    }

    /** Caused by a person or tool through the API. */
    public static Cause operator(String who, String reason) {
        return new Cause("operator " + who, reason, now(), null, null);
    }

    /** Caused by inventory-service itself (placement, the inventory file), possibly in answer to an event. */
    public static Cause service(String what, String reason, EventContext event) {
        return new Cause(what, reason, now(), event, null);
    }

    private static String actor(EventContext event) {
        return event.type() + " from " + event.source();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
