package org.relops.testing.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.relops.testing.ServiceUnderTest;
import org.relops.testing.auth.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Fuzzes a running service through its own OpenAPI document ({@code /q/openapi?format=json}): every operation
 * in turn gets generated and mutated requests ({@link RequestGenerator}), and every answer is held to the
 * project's contract: never a 5xx, every 4xx a problem-details body whose {@code status} is the answer's, and
 * the service still ready at the end. Deterministic: the seed is printed, and {@code -Drelops.fuzz.seed=N}
 * (or {@code RELOPS_FUZZ_SEED}) replays another; {@code relops.fuzz.requests} / {@code RELOPS_FUZZ_REQUESTS}
 * changes how many requests are sent.
 *
 * <p>Generated names are random tokens and never taken from the service's answers, so writes only ever reach
 * names that do not exist or create new ones under random names; rules narrow what an operation may get.
 */
public final class OpenApiFuzzer {

    /** The seed a run uses unless told otherwise: the same requests every run. */
    public static final long DEFAULT_SEED = 20_261_201L;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final FuzzRules rules = new FuzzRules();
    private int requests = 2_000;
    private String name;

    private OpenApiFuzzer(String base) {
        this.base = base;
        this.name = base;
        // Behind the operator's token by default, so that requests get past access checks and meet validation.
        header("Authorization", "Bearer " + TestTokens.operator());
        // Every service has service-support's replay: one without a message id would put back what other tests
        // dead-lettered on purpose.
        pinQuery("POST /v1/dead-letters/replay", "messageId", "fuzz-no-such-message");
    }

    /**
     * A fuzzer for the service a {@code @QuarkusTest} started, on the port it listens on ({@code
     * quarkus.http.test-port}, which Quarkus sets to the port it took); the report names it {@code name}.
     */
    public static OpenApiFuzzer againstTheServiceUnderTest(String name) {
        return new OpenApiFuzzer(ServiceUnderTest.baseUrl()).named(name);
    }

    /** How the report names the service. */
    public OpenApiFuzzer named(String service) {
        this.name = service;
        return this;
    }

    /** At least this many requests (spread evenly over the operations), unless the run is told otherwise. */
    public OpenApiFuzzer requests(int count) {
        this.requests = count;
        return this;
    }

    /** A header every request carries (e.g. a credential, to fuzz behind it). */
    public OpenApiFuzzer header(String header, String value) {
        rules.headers.put(header, value);
        return this;
    }

    /** Requests without any token, as anybody on the network would send them. */
    public OpenApiFuzzer anonymous() {
        rules.headers.remove("Authorization");
        return this;
    }

    /** Values a parameter of this name gets now and then besides hostile ones (e.g. the names of real tables). */
    public OpenApiFuzzer examples(String parameter, String... values) {
        rules.examples.put(parameter, List.of(values));
        return this;
    }

    /** A query parameter that always has this value in one operation ({@code "POST /v1/inventory/import"}). */
    public OpenApiFuzzer pinQuery(String operation, String parameter, String value) {
        rules.pinnedQuery.computeIfAbsent(operation, key -> new HashMap<>()).put(parameter, value);
        return this;
    }

    /** An operation that only ever gets a body no reader can turn into a value, so that it can never act. */
    public OpenApiFuzzer unreadableBodiesOnly(String operation) {
        rules.unreadableBodiesOnly.add(operation);
        return this;
    }

    /**
     * A refusal this operation's documented wire format answers in plain text (for clients older than
     * problem details): exactly this status and body is accepted instead of a problem.
     */
    public OpenApiFuzzer documentedPlainRefusal(String operation, int status, String body) {
        rules.plainRefusals.put(operation, new FuzzRules.PlainRefusal(status, body));
        return this;
    }

    /** Runs the fuzzer and returns what it saw; prints the report too. */
    public FuzzReport run() {
        long seed = setting("relops.fuzz.seed", "RELOPS_FUZZ_SEED").map(Long::parseLong).orElse(DEFAULT_SEED);
        int count = setting("relops.fuzz.requests", "RELOPS_FUZZ_REQUESTS").map(Integer::parseInt).orElse(requests);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(ANSWER_WITHIN).build();
        JsonNode document = openApi(client);
        List<ApiOperation> operations = ApiOperation.allOf(document);
        if (operations.isEmpty()) {
            throw new AssertionError(name + " has no operations in its OpenAPI document");
        }
        System.out.println("fuzzing " + name + " with seed " + seed + ": " + count + " requests over "
                + operations.size() + " operations");
        RequestGenerator generator = new RequestGenerator(new Schemas(document), rules, new Random(seed));
        FuzzReport report = new FuzzReport(name, seed, count);
        long started = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            send(client, generator.next(operations.get(i % operations.size())), report);
        }
        report.finished(readiness(client), System.currentTimeMillis() - started);
        System.out.println(report);
        return report;
    }

    private void send(HttpClient client, FuzzedRequest request, FuzzReport report) {
        HttpResponse<String> response;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.target()))
                    .timeout(ANSWER_WITHIN)
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            report.failed(request, "no answer: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fuzzing", e);
        }
        report.answered(request, response.statusCode());
        if (!rules.isDocumentedPlainRefusal(request.operation(), response.statusCode(), response.body())) {
            ProblemCheck.of(response).ifPresent(problem -> report.failed(request, problem));
        }
    }

    private JsonNode openApi(HttpClient client) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base
                    + "/q/openapi?format=json")).timeout(ANSWER_WITHIN).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(name + " answered " + response.statusCode() + " for its OpenAPI document");
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(name + " did not serve its OpenAPI document: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int readiness(HttpClient client) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(ANSWER_WITHIN)
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> setting(String property, String variable) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
