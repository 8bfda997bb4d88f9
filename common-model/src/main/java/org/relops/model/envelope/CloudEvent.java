package org.relops.model.envelope;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode. {@code correlationid}, {@code causationid},
 * {@code eventversion} and {@code actor} are relops extension attributes (lower-case, as the spec
 * requires). {@code actor} is who caused the event: the verified caller of the API call that started
 * its conversation (a token's subject, an intake publisher's broker user), carried along by every
 * event that follows from it; absent when no caller did (a timer, a machine's own report).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        OffsetDateTime time,
        String subject,
        String datacontenttype,
        String eventversion,
        String correlationid,
        String causationid,
        String actor,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";

    /** The major part of {@link #eventversion}, e.g. {@code 1} for {@code 1.2}. */
    public int majorVersion() {
        String version = eventversion == null ? "1.0" : eventversion;
        int dot = version.indexOf('.');
        return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    }
}
