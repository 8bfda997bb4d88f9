package org.relops.model.envelope;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode. {@code correlationid}, {@code causationid}
 * and {@code eventversion} are relops extension attributes (lower-case, as the spec requires).
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
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";

    /** The major part of {@link #eventversion}, e.g. {@code 1} for {@code 1.2}. */
    public int majorVersion() {
        String version = eventversion == null ? "1.0" : eventversion;
        int dot = version.indexOf('.');
        return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    }
}
