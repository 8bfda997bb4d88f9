package org.relops.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * How the dashboard reads a service's list: the envelope page by page into one array of every item, slavealloc's
 * bare array as it is, and anything else refused.
 */
class ServiceReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SYSTEMS = List.of("qemu-scl3-01", "qemu-scl3-02", "qemu-scl3-03",
            "qemu-mdc1-01", "qemu-mdc1-02");
    /** The page size the fake inventory serves, smaller than the reader asks for. */
    private static final int SERVED_PAGE = 2;

    private HttpServer server;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private ServiceReader reader;

    @BeforeEach
    void startServices(@org.junit.jupiter.api.io.TempDir Path directory) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/systems", exchange -> {
            asked.add(exchange.getRequestURI().getQuery());
            int page = Integer.parseInt(query(exchange.getRequestURI().getQuery()).get("page"));
            List<Map<String, String>> items = SYSTEMS.stream().skip((long) page * SERVED_PAGE).limit(SERVED_PAGE)
                    .map(name -> Map.of("name", name, "state", "free")).toList();
            answer(exchange, Map.of("items", items, "total", SYSTEMS.size(), "page", page, "size", SERVED_PAGE));
        });
        server.createContext("/api/silos", exchange -> answer(exchange, List.of(Map.of("pool", "tests-scl3"))));
        server.createContext("/v1/images", exchange -> answer(exchange, Map.of("detail", "not a list")));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Path token = Files.writeString(directory.resolve("viewer.token"), "a-viewer-token\n");
        reader = new ServiceReader();
        reader.json = JSON;
        reader.config = config(base, token);
    }

    @AfterEach
    void stopServices() {
        server.stop(0);
    }

    @Test
    void shouldReadEveryPageOfAListIntoOneArrayInItsOrder() throws Exception {
        JsonNode systems = reader.read(Source.SYSTEMS);

        assertEquals(SYSTEMS, names(systems));
        assertEquals(3, asked.size(), "pages 0, 1 and 2 of 2 each hold the 5 systems: " + asked);
        assertTrue(asked.get(0).contains("page=0") && asked.get(0).contains("size=" + ServiceReader.PAGE_SIZE),
                asked.toString());
        assertTrue(asked.get(2).contains("page=2"), asked.toString());
        assertEquals("free", systems.path(0).path("state").asText());
    }

    @Test
    void shouldReadSlavesallocsBareArrayAsItIs() throws Exception {
        JsonNode silos = reader.read(Source.SILOS);

        assertEquals(1, silos.size());
        assertEquals("tests-scl3", silos.path(0).path("pool").asText());
    }

    @Test
    void shouldRefuseAnAnswerThatIsNoList() {
        IOException refused = assertThrows(IOException.class, () -> reader.read(Source.IMAGES));

        assertTrue(refused.getMessage().endsWith("/v1/images did not answer a list"), refused.getMessage());
    }

    private static List<String> names(JsonNode items) {
        return java.util.stream.StreamSupport.stream(items.spliterator(), false)
                .map(item -> item.path("name").asText()).toList();
    }

    private static Map<String, String> query(String query) {
        return java.util.Arrays.stream(query.split("&")).map(pair -> pair.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static DashboardConfig config(String base, Path token) {
        DashboardConfig.Services services = new DashboardConfig.Services() {
            public String request() {
                return base;
            }

            public String inventory() {
                return base;
            }

            public String imaging() {
                return base;
            }

            public String slavealloc() {
                return base;
            }
        };
        return new DashboardConfig() {
            public Services services() {
                return services;
            }

            public Path tokenFile() {
                return token;
            }

            public Duration coalesce() {
                return Duration.ofMillis(300);
            }

            public Duration resyncInterval() {
                return Duration.ofSeconds(30);
            }

            public int recentEvents() {
                return 60;
            }
        };
    }
}
