package org.relops.model.envelope;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.relops.model.event.EventCatalog;
import org.relops.model.event.EventType;
import org.relops.model.event.RelopsEvent;

/**
 * Wraps event records in CloudEvents envelopes and back. The one place that knows the envelope's
 * wire format; it rejects what it cannot trust with a {@link MalformedEventException}.
 */
public final class EnvelopeCodec {

    /** The JSON mapper for envelopes and payloads: ISO-8601 times, unknown fields tolerated. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // as the REST APIs read them: "rack" is RACK
            .configure(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);

    private static final int SUPPORTED_MAJOR_VERSION = 1;

    private EnvelopeCodec() {
    }

    /** A new envelope for an event, with a fresh id and the current time. */
    public static CloudEvent wrap(RelopsEvent event, String source, String correlationId, String causationId) {
        return wrap(event, source, correlationId, causationId, null);
    }

    /** A new envelope for an event that {@code actor} caused (null: nobody in particular). */
    public static CloudEvent wrap(RelopsEvent event, String source, String correlationId, String causationId,
            String actor) {
        Class<? extends RelopsEvent> type = event.getClass();
        return new CloudEvent(
                CloudEvent.SPEC_VERSION,
                UUID.randomUUID().toString(),
                source,
                EventCatalog.typeOf(type),
                OffsetDateTime.now(ZoneOffset.UTC),
                event.requestId(),
                "application/json",
                EventCatalog.versionOf(type),
                correlationId != null ? correlationId : event.requestId(),
                causationId,
                actor,
                JSON.valueToTree(event));
    }

    public static byte[] encode(CloudEvent envelope) {
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode event " + envelope.id(), e);
        }
    }

    /** Parses and checks an envelope: required attributes present, spec and major version known. */
    public static CloudEvent decode(byte[] body) {
        CloudEvent envelope;
        try {
            envelope = JSON.readValue(body, CloudEvent.class);
        } catch (IOException e) {
            throw new MalformedEventException("body is not a CloudEvents JSON envelope: " + firstLine(e.getMessage()));
        }
        if (envelope == null) {
            throw new MalformedEventException("body is empty");
        }
        require(envelope.id(), "id");
        require(envelope.source(), "source");
        require(envelope.type(), "type");
        require(envelope.specversion(), "specversion");
        if (!CloudEvent.SPEC_VERSION.equals(envelope.specversion())) {
            throw new MalformedEventException("unsupported CloudEvents specversion " + envelope.specversion());
        }
        int major;
        try {
            major = envelope.majorVersion();
        } catch (NumberFormatException e) {
            throw new MalformedEventException("eventversion '" + envelope.eventversion() + "' is not major.minor");
        }
        // Each type has its own schema version: this consumer reads the major its own record declares.
        int readable = EventCatalog.classFor(envelope.type()).map(EnvelopeCodec::majorVersionOf)
                .orElse(SUPPORTED_MAJOR_VERSION);
        if (major != readable) {
            throw new MalformedEventException("unsupported major version " + major + " of " + envelope.type()
                    + " (this consumer reads version " + readable + ".x)");
        }
        return envelope;
    }

    private static int majorVersionOf(Class<? extends RelopsEvent> type) {
        EventType annotation = type.getAnnotation(EventType.class);
        String version = annotation == null ? SUPPORTED_MAJOR_VERSION + ".0" : annotation.version();
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    /** The event record inside an envelope; its type must be in the {@link EventCatalog}. */
    public static RelopsEvent payload(CloudEvent envelope) {
        Class<? extends RelopsEvent> type = EventCatalog.classFor(envelope.type())
                .orElseThrow(() -> new MalformedEventException("unknown event type '" + envelope.type() + "'"));
        return payload(envelope, type);
    }

    public static <E extends RelopsEvent> E payload(CloudEvent envelope, Class<E> type) {
        JsonNode data = envelope.data();
        if (data == null || data.isNull() || !data.isObject()) {
            throw new MalformedEventException(envelope.type() + " has no data object");
        }
        try {
            return Objects.requireNonNull(JSON.treeToValue(data, type));
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEventException("data does not match " + envelope.type() + ": " + firstLine(e.getMessage()));
        }
    }

    private static void require(String value, String attribute) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("required CloudEvents attribute '" + attribute + "' is missing");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
