package org.relops.slavealloc;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the REST API of buildbot 3.7 masters, answering the two reads slavealloc makes
 * ({@code /api/v2/masters}, {@code /api/v2/workers/NAME}) in buildbot's JSON shapes, so that the unit tests
 * control what "the master" says. The end-to-end tests ask a real buildbot master instead.
 */
public final class BuildbotStandIn implements AutoCloseable {

    private final HttpServer server;
    private final AtomicBoolean active = new AtomicBoolean();
    private final Map<String, String> connectedWorkers = new ConcurrentHashMap<>();
    private final AtomicInteger masterQueries = new AtomicInteger();
    private final Map<String, AtomicInteger> workerQueries = new ConcurrentHashMap<>();

    private BuildbotStandIn(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/api/v2/masters", this::masters);
        server.createContext("/api/v2/workers/", this::worker);
        server.start();
    }

    public static BuildbotStandIn on(int port) {
        try {
            return new BuildbotStandIn(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** Whether the master reports itself active (its REST API answers 503 until then). */
    public void active(boolean value) {
        active.set(value);
    }

    /** The worker is connected, and its info/host says {@code host}. */
    public void connected(String worker, String host) {
        connectedWorkers.put(worker, host);
    }

    public int masterQueries() {
        return masterQueries.get();
    }

    public int workerQueries(String worker) {
        return workerQueries.computeIfAbsent(worker, name -> new AtomicInteger()).get();
    }

    private void masters(HttpExchange exchange) throws IOException {
        masterQueries.incrementAndGet();
        if (!active.get()) {
            reply(exchange, 503, "{\"error\":\"starting\"}");
            return;
        }
        reply(exchange, 200, "{\"masters\":[{\"masterid\":1,\"name\":\"stand-in\",\"active\":true}],"
                + "\"meta\":{\"total\":1}}");
    }

    private void worker(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/api/v2/workers/".length());
        workerQueries.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
        String host = connectedWorkers.get(name);
        String connectedTo = host == null ? "[]" : "[{\"masterid\":1}]";
        String info = host == null ? "{}" : "{\"host\":\"" + host + "\",\"admin\":\"relops\"}";
        reply(exchange, 200, "{\"workers\":[{\"workerid\":1,\"name\":\"" + name + "\",\"connected_to\":" + connectedTo
                + ",\"configured_on\":[],\"workerinfo\":" + info + ",\"paused\":false,\"graceful\":false}],"
                + "\"meta\":{\"total\":1}}");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
