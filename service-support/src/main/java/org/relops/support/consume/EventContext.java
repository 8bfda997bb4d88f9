package org.relops.support.consume;

import java.time.OffsetDateTime;

/** What a handler knows of the event it handles beyond its payload. */
public record EventContext(String eventId, String type, String source, String correlationId, OffsetDateTime time) {
}
