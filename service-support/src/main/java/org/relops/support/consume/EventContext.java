package org.relops.support.consume;

import java.time.OffsetDateTime;

/**
 * What a handler knows of the event it handles beyond its payload; {@code actor} is who caused it (see
 * the envelope's attribute), passed on to the events the handler emits.
 */
public record EventContext(String eventId, String type, String source, String correlationId, OffsetDateTime time,
        String actor) {

    /**
     * A cause known by its ids and actor only: of work that outlived its handler (stored, resumed later), or of a
     * conversation started by a caller the channel vouched for.
     */
    public static EventContext of(String eventId, String correlationId, String actor) {
        return new EventContext(eventId, null, null, correlationId, null, actor);
    }
}
