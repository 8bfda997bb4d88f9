package org.relops.model.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.relops.model.event.EventCatalog;
import org.relops.model.event.RelopsEvent;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The envelope codec's promises, over generated input: every event record of the catalogue, with any values,
 * comes back equal from encode and decode; and any bytes at all (garbage, or an envelope cut short, with
 * bytes flipped, values of the wrong type or attributes gone) are either decoded or refused with a
 * {@link MalformedEventException}, never with another exception.
 */
class EnvelopeCodecProperties {

    private static final List<String> WRONG_VALUES = List.of("null", "1", "-1e999", "true", "[]", "{}", "\"\"",
            "\"x\"", "\"9.9\"", "\"1.0\"", "[[[[[[[[[[]]]]]]]]]]", "\"\\u0000\"");

    @Property(tries = 2_000)
    void shouldRoundTripEveryEventThroughTheEnvelope(@ForAll("events") RelopsEvent event,
            @ForAll("texts") String correlation, @ForAll("texts") String causation) {
        CloudEvent envelope = EnvelopeCodec.wrap(event, "/relops/property-test", correlation, causation);

        byte[] wire = EnvelopeCodec.encode(envelope);
        CloudEvent decoded = EnvelopeCodec.decode(wire);

        // Compared on the wire: a number in the data tree may come back as a narrower node of the same value.
        assertArrayEquals(wire, EnvelopeCodec.encode(decoded));
        assertEquals(event, EnvelopeCodec.payload(decoded));
    }

    @Property(tries = 3_000)
    void shouldDecodeOrRefuseAMutatedEnvelopeAndNothingElse(@ForAll("mutatedEnvelopes") byte[] body) {
        decodeOrRefuse(body);
    }

    @Property(tries = 1_000)
    void shouldDecodeOrRefuseGarbageAndNothingElse(@ForAll byte[] body) {
        decodeOrRefuse(body);
    }

    /** Decoding either succeeds (and so does reading the payload) or throws the codec's own refusal. */
    private static void decodeOrRefuse(byte[] body) {
        try {
            EnvelopeCodec.payload(EnvelopeCodec.decode(body));
        } catch (MalformedEventException refused) {
            assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal says why");
        }
    }

    @Provide
    Arbitrary<RelopsEvent> events() {
        return Arbitraries.of(List.copyOf(EventCatalog.all())).flatMap(type -> recordOf(type).map(RelopsEvent.class::cast));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD')
                .ofMaxLength(40).injectNull(0.2);
    }

    @Provide
    Arbitrary<byte[]> mutatedEnvelopes() {
        Arbitrary<String> encoded = events().map(event -> new String(EnvelopeCodec.encode(EnvelopeCodec.wrap(event,
                "/relops/property-test", null, null)), StandardCharsets.UTF_8));
        return Combinators.combine(encoded, Arbitraries.integers().between(0, 5), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.integers().greaterOrEqual(0), Arbitraries.of(WRONG_VALUES))
                .as(EnvelopeCodecProperties::mutate);
    }

    /** One edit of an encoded envelope: cut short, a byte flipped, a value replaced, an attribute dropped. */
    private static byte[] mutate(String json, int kind, int at, int other, String wrongValue) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int position = at % Math.max(1, bytes.length);
        switch (kind) {
            case 0:
                return Arrays.copyOf(bytes, position);
            case 1:
                bytes[position] ^= (byte) (1 + other % 255);
                return bytes;
            case 2: {
                // The value after the n-th colon becomes one of the wrong type.
                int colon = nth(json, ':', other);
                int end = valueEnd(json, colon + 1);
                return (json.substring(0, colon + 1) + wrongValue + json.substring(end)).getBytes(StandardCharsets.UTF_8);
            }
            case 3: {
                String attribute = List.of("\"id\":", "\"type\":", "\"specversion\":", "\"source\":", "\"data\":",
                        "\"eventversion\":").get(other % 6);
                return json.replace(attribute, "\"x" + other + "\":").getBytes(StandardCharsets.UTF_8);
            }
            case 4:
                return (json.substring(0, Math.min(position, json.length())) + wrongValue
                        + json.substring(Math.min(position, json.length()))).getBytes(StandardCharsets.UTF_8);
            default:
                return json.replace("\"eventversion\":\"", "\"eventversion\":\"" + wrongValue.replace("\"", ""))
                        .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static int nth(String text, char wanted, int n) {
        int count = (int) text.chars().filter(c -> c == wanted).count();
        int index = -1;
        for (int i = 0; i <= n % Math.max(1, count); i++) {
            index = text.indexOf(wanted, index + 1);
        }
        return Math.max(index, 0);
    }

    /** Where the JSON value starting at {@code start} ends (roughly: the next comma or closing brace). */
    private static int valueEnd(String json, int start) {
        int depth = 0;
        boolean quoted = false;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"' && json.charAt(i - 1) != '\\') {
                quoted = !quoted;
            } else if (!quoted && (c == '{' || c == '[')) {
                depth++;
            } else if (!quoted && (c == '}' || c == ']')) {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                return i;
            }
        }
        return json.length();
    }

    /** Any instance of a record, each component drawn by its type; what its constructor refuses is skipped. */
    private Arbitrary<Object> recordOf(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        List<Arbitrary<Object>> values = Arrays.stream(components).map(c -> valueOf(c.getGenericType())).toList();
        Class<?>[] parameters = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Arbitrary<Object> instances = Combinators.combine(values).as(arguments -> construct(type, parameters, arguments));
        return instances.ignoreException(IllegalArgumentException.class);
    }

    private static Object construct(Class<?> type, Class<?>[] parameters, List<Object> arguments) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameters);
            return constructor.newInstance(arguments.toArray());
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof IllegalArgumentException refused ? refused
                    : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private Arbitrary<Object> valueOf(Type type) {
        if (type instanceof ParameterizedType generic) {
            Class<?> raw = (Class<?>) generic.getRawType();
            if (raw == List.class) {
                return (Arbitrary) texts().filter(text -> text != null).list().ofMaxSize(5);
            }
            return (Arbitrary) Arbitraries.maps(texts().filter(text -> text != null), texts().filter(text -> text != null))
                    .ofMaxSize(4);
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return (Arbitrary) texts();
        }
        if (raw == int.class || raw == Integer.class) {
            return (Arbitrary) Arbitraries.integers();
        }
        if (raw == long.class || raw == Long.class) {
            return (Arbitrary) Arbitraries.longs();
        }
        if (raw == boolean.class) {
            return (Arbitrary) Arbitraries.of(true, false);
        }
        if (raw == Boolean.class) {
            return (Arbitrary) Arbitraries.of(true, false).injectNull(0.2);
        }
        if (raw == OffsetDateTime.class) {
            return (Arbitrary) Combinators.combine(Arbitraries.longs().between(-62_000_000_000L, 250_000_000_000L),
                    Arbitraries.integers().between(0, 999_999_999), Arbitraries.integers().between(-72, 72))
                    .as((seconds, nanos, quarters) -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos),
                            ZoneOffset.ofTotalSeconds(quarters * 15 * 60)))
                    .injectNull(0.2);
        }
        if (raw.isEnum()) {
            return (Arbitrary) Arbitraries.of(raw.getEnumConstants()).injectNull(0.2);
        }
        if (raw.isRecord()) {
            return recordOf(raw).injectNull(0.2);
        }
        throw new IllegalArgumentException("no generator for " + type + "; add one");
    }
}
