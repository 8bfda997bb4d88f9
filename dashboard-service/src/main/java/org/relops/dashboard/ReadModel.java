package org.relops.dashboard;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the dashboard knows of the environment: the last read of every {@link Source} (or why it failed), the
 * depth of every service's dead-letter queue and the latest events. It is the dashboard's own: in memory, built
 * again from the APIs at every start.
 */
@ApplicationScoped
class ReadModel {

    private final Map<Source, JsonNode> reads = new EnumMap<>(Source.class);
    private final Map<Source, String> failures = new EnumMap<>(Source.class);
    private final Map<String, Long> deadLetters = new TreeMap<>();
    private final Deque<ObjectNode> recentEvents = new ArrayDeque<>();
    private long version;
    private Instant updatedAt;

    @Inject
    DashboardConfig config;

    @Inject
    ObjectMapper json;

    synchronized void read(Source source, JsonNode value) {
        reads.put(source, value);
        failures.remove(source);
        changed();
    }

    synchronized void failed(Source source, String why) {
        if (!why.equals(failures.put(source, why))) {
            changed();
        }
    }

    synchronized void deadLetters(String service, long depth) {
        Long before = deadLetters.put(service, depth);
        if (before == null || before != depth) {
            changed();
        }
    }

    synchronized void event(ObjectNode summary) {
        recentEvents.addFirst(summary);
        while (recentEvents.size() > config.recentEvents()) {
            recentEvents.removeLast();
        }
        changed();
    }

    /** Whether every source has been read at least once. */
    synchronized boolean complete() {
        return reads.size() == Source.values().length;
    }

    synchronized long version() {
        return version;
    }

    /** Everything the page shows, in one document. */
    synchronized ObjectNode snapshot() {
        ObjectNode snapshot = json.createObjectNode();
        snapshot.put("version", version);
        snapshot.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
        for (Source source : Source.values()) {
            JsonNode read = reads.get(source);
            snapshot.set(source.field, read == null ? json.createArrayNode() : read);
        }
        ObjectNode problems = snapshot.putObject("unavailable");
        failures.forEach((source, why) -> problems.put(source.field, why));
        ObjectNode depths = snapshot.putObject("deadLetters");
        deadLetters.forEach(depths::put);
        ArrayNode events = snapshot.putArray("events");
        recentEvents.forEach(events::add);
        return snapshot;
    }

    private void changed() {
        version++;
        updatedAt = Instant.now();
    }
}
