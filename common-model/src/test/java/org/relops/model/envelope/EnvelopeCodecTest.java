package org.relops.model.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.relops.model.event.EventCatalog;
import org.relops.model.event.RequestSubmitted;
import org.relops.model.value.PlacementConstraints;
import org.relops.model.value.Spread;

class EnvelopeCodecTest {

    private static final RequestSubmitted SUBMITTED = new RequestSubmitted("req-1", "releng-talos-linux64", null, 2,
            "production", List.of("talos-linux64-0001", "talos-linux64-0002"),
            new PlacementConstraints("scl3", Spread.RACK, null));

    @Test
    void shouldRoundTripAnEventThroughTheEnvelope() {
        CloudEvent envelope = EnvelopeCodec.wrap(SUBMITTED, "/relops/request-service", null, null);

        CloudEvent decoded = EnvelopeCodec.decode(EnvelopeCodec.encode(envelope));

        assertEquals("request.submitted", decoded.type());
        assertEquals("1.0", decoded.specversion());
        assertEquals("req-1", decoded.correlationid());
        assertEquals("req-1", decoded.subject());
        assertEquals(SUBMITTED, EnvelopeCodec.payload(decoded));
    }

    @Test
    void shouldWriteStructuredCloudEventsJson() {
        String json = new String(EnvelopeCodec.encode(EnvelopeCodec.wrap(SUBMITTED, "/relops/test", "corr", "cause")),
                StandardCharsets.UTF_8);

        assertTrue(json.contains("\"specversion\":\"1.0\""), json);
        assertTrue(json.contains("\"causationid\":\"cause\""), json);
        assertTrue(json.contains("\"data\":{\"requestId\":\"req-1\""), json);
    }

    @Test
    void shouldReadEachTypeAtItsOwnMajorVersion() {
        String current = """
                {"specversion":"1.0","id":"e2","source":"/x","type":"host.reserved","eventversion":"2.0","data":{}}
                """;
        String old = current.replace("\"eventversion\":\"2.0\"", "\"eventversion\":\"1.0\"");

        assertEquals("host.reserved", EnvelopeCodec.decode(current.getBytes(StandardCharsets.UTF_8)).type());
        MalformedEventException error = assertThrows(MalformedEventException.class,
                () -> EnvelopeCodec.decode(old.getBytes(StandardCharsets.UTF_8)));
        assertTrue(error.getMessage().contains("this consumer reads version 2.x"), error.getMessage());
    }

    @Test
    void shouldRejectAnUnknownMajorVersion() {
        String json = """
                {"specversion":"1.0","id":"e1","source":"/x","type":"request.submitted","eventversion":"2.0","data":{}}
                """;

        MalformedEventException error = assertThrows(MalformedEventException.class,
                () -> EnvelopeCodec.decode(json.getBytes(StandardCharsets.UTF_8)));

        assertTrue(error.getMessage().contains("unsupported major version 2"), error.getMessage());
    }

    @Test
    void shouldRejectAMissingAttribute() {
        String json = """
                {"specversion":"1.0","source":"/x","type":"request.submitted","data":{}}
                """;

        MalformedEventException error = assertThrows(MalformedEventException.class,
                () -> EnvelopeCodec.decode(json.getBytes(StandardCharsets.UTF_8)));

        assertEquals("required CloudEvents attribute 'id' is missing", error.getMessage());
    }

    @Test
    void shouldRejectABodyThatIsNotJson() {
        assertThrows(MalformedEventException.class,
                () -> EnvelopeCodec.decode("not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldRejectAnUnknownEventType() {
        CloudEvent envelope = new CloudEvent("1.0", "e1", "/x", "no.such.event", null, null, null, "1.0", null, null, null,
                EnvelopeCodec.JSON.createObjectNode());

        MalformedEventException error = assertThrows(MalformedEventException.class,
                () -> EnvelopeCodec.payload(envelope));

        assertEquals("unknown event type 'no.such.event'", error.getMessage());
    }

    @Test
    void shouldGiveEveryCatalogueEventAUniqueType() {
        long distinct = EventCatalog.all().stream().map(EventCatalog::typeOf).distinct().count();

        assertEquals(EventCatalog.all().size(), distinct);
    }
}
