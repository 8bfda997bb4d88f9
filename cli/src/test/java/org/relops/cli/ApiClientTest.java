package org.relops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** How the command line reads a list: the envelope page by page, all of it or its first items, in its order. */
class ApiClientTest {

    private static final List<String> REQUESTS = List.of("r5", "r4", "r3", "r2", "r1");

    private HttpServer server;
    private final List<Map<String, String>> asked = new CopyOnWriteArrayList<>();
    private ApiClient client;

    @BeforeEach
    void startService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/requests", exchange -> {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            asked.add(query);
            int page = Integer.parseInt(query.get("page"));
            int size = Math.min(2, Integer.parseInt(query.get("size")));
            List<Map<String, String>> items = REQUESTS.stream().skip((long) page * size).limit(size)
                    .map(id -> Map.of("id", id, "state", "fulfilled")).toList();
            answer(exchange, Map.of("items", items, "total", REQUESTS.size(), "page", page, "size", size));
        });
        server.createContext("/v1/images", exchange -> answer(exchange, List.of(Map.of("name", "relops-bare"))));
        server.start();
        client = new ApiClient("http://127.0.0.1:" + server.getAddress().getPort(), null, "request-service");
    }

    @AfterEach
    void stopService() {
        server.stop(0);
    }

    @Test
    void shouldReadEveryPageOfAListInItsOrder() {
        JsonNode requests = client.list("/v1/requests?state=fulfilled");

        assertEquals(REQUESTS, ids(requests));
        assertEquals(3, asked.size(), "pages of 2 (the service's): 0, 1 and 2 hold the 5: " + asked);
        assertEquals("fulfilled", asked.get(0).get("state"), "the filter is kept on every page");
        assertEquals(String.valueOf(ApiClient.MAX_PAGE), asked.get(0).get("size"));
        assertEquals(List.of("0", "1", "2"), asked.stream().map(query -> query.get("page")).toList());
    }

    @Test
    void shouldStopAtTheFirstItemsAskedFor() {
        JsonNode newest = client.list("/v1/requests", 3);

        assertEquals(List.of("r5", "r4", "r3"), ids(newest));
        assertEquals("3", asked.get(0).get("size"), "no larger page than the items asked for");
        assertEquals(2, asked.size(), asked.toString());
    }

    @Test
    void shouldRefuseAnAnswerThatIsNoListEnvelope() {
        ApiClient.ApiException refused = assertThrows(ApiClient.ApiException.class, () -> client.list("/v1/images"));

        assertTrue(refused.getMessage().contains("did not answer /v1/images with a list"), refused.getMessage());
    }

    private static List<String> ids(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.path("id").asText()).toList();
    }

    private static Map<String, String> query(String query) {
        return Arrays.stream(query.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }

    private static void answer(HttpExchange exchange, Object body) throws IOException {
        byte[] bytes = ApiClient.JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
