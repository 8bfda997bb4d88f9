package org.relops.slavealloc.rest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * Fetches a tac as a buildbot slave's start-up script does: it replaces its cached buildbot.tac only
 * with a 200 answer whose first line is the allocator's marker, and keeps the cached one otherwise.
 */
final class BuildbotSlaveClient {

    static final String MARKER = "# AUTOMATICALLY GENERATED - DO NOT MODIFY";

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private String cachedTac;

    BuildbotSlaveClient(URI base, String cachedTac) {
        this.base = base;
        this.cachedTac = cachedTac;
    }

    /** Fetches the tac for {@code slave}; the new tac if it was accepted, empty if the cached one stays. */
    Optional<String> refresh(String slave) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/gettac/" + slave)).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        if (response.statusCode() != 200 || !body.split("\n", 2)[0].equals(MARKER)) {
            return Optional.empty();
        }
        cachedTac = body;
        return Optional.of(body);
    }

    String tac() {
        return cachedTac;
    }
}
