package org.relops.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows a request until it reaches the state asked for, printing as things change: the request's state and a
 * progress bar of its ready machines, each machine's step with the seconds it has been in it, a line per machine as
 * it comes out ready (address, DNS name, master), and the reason when something fails. One line per change, so
 * it reads the same in a terminal and in a CI log. States are shown as the API writes them (lower case), and
 * compared in any case.
 */
final class ProgressDisplay {

    static final String FAILED = "failed";
    static final String READY = "ready";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final int BAR = 20;

    private final ApiClient client;
    private final PrintStream out;
    private final Map<String, String> seen = new HashMap<>();
    private String requestSeen = "";

    ProgressDisplay(ApiClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    /** The exit code: 0 once the request is in {@code goal}, 1 if it failed, 3 if {@code limit} passed first. */
    int follow(String id, String goal, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        Instant started = Instant.now();
        while (true) {
            JsonNode request = client.get("/v1/requests/" + id);
            String state = request.path("state").asText();
            show(request, started);
            if (state.equalsIgnoreCase(goal)) {
                out.printf("request %s %s in %d s%n", id, state, Duration.between(started, Instant.now()).toSeconds());
                return RequestCommand.OK;
            }
            if (state.equalsIgnoreCase(FAILED) && !goal.equalsIgnoreCase(FAILED)) {
                out.printf("request %s %s: %s%n", id, state, request.path("reason").asText());
                return RequestCommand.REQUEST_FAILED;
            }
            if (Instant.now().isAfter(deadline)) {
                out.printf("request %s still %s after %d s (%s); it goes on: relops request show %s%n", id, state,
                        limit.toSeconds(), request.path("step").asText(), id);
                return RequestCommand.TIMED_OUT;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void show(JsonNode request, Instant started) {
        JsonNode machines = request.path("machines");
        int ready = 0;
        for (JsonNode machine : machines) {
            if (machine.path("state").asText().equalsIgnoreCase(READY)) {
                ready++;
            }
        }
        String requestLine = request.path("state").asText() + " " + bar(ready, machines.size()) + " " + ready + " of "
                + machines.size() + " ready";
        if (!requestLine.equals(requestSeen)) {
            requestSeen = requestLine;
            out.printf("  .. %s (%d s)%n", requestLine, Duration.between(started, Instant.now()).toSeconds());
        }
        for (JsonNode machine : machines) {
            String hostname = machine.path("hostname").asText();
            String now = machine.path("state").asText() + "|" + machine.path("step").asText();
            if (now.equals(seen.put(hostname, now))) {
                continue;
            }
            out.println("     " + describe(machine));
        }
    }

    /** One machine on one line: ready ones with where to find them, others with the step they are at. */
    static String describe(JsonNode machine) {
        String state = machine.path("state").asText();
        String hostname = machine.path("hostname").asText();
        if (state.equalsIgnoreCase(READY)) {
            return String.format("%-7s %-22s %-15s %-40s master %s", state, hostname, text(machine, "address"),
                    text(machine, "fqdn"), text(machine, "master"));
        }
        String line = String.format("%-7s %-22s %s (%d s)", state, hostname, machine.path("step").asText(),
                machine.path("secondsInState").asLong());
        String error = text(machine, "lastError");
        return error.equals("-") ? line : line + "; last error: " + error;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() || value.asText().isBlank() ? "-" : value.asText();
    }

    private static String bar(int done, int total) {
        int filled = total == 0 ? BAR : done * BAR / total;
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
    }
}
