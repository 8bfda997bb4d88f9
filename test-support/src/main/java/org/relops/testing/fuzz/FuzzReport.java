package org.relops.testing.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a fuzz run saw: requests sent, answers by status class overall and per operation, every broken
 * promise (a 5xx, a 4xx without a problem-details body, no answer), and whether the service was still ready
 * afterwards. {@link #assertClean()} fails with the first broken promises, each with the request that broke it.
 */
public final class FuzzReport {

    private static final int FAILURES_SHOWN = 25;

    private final String service;
    private final long seed;
    private final int asked;
    private final Map<String, Integer> byClass = new TreeMap<>();
    private final Map<String, Map<String, Integer>> byOperation = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private int failureCount;
    private int sent;
    private int readinessAfter;
    private long millis;

    FuzzReport(String service, long seed, int asked) {
        this.service = service;
        this.seed = seed;
        this.asked = asked;
    }

    void answered(FuzzedRequest request, int status) {
        sent++;
        String statusClass = status / 100 + "xx";
        byClass.merge(statusClass, 1, Integer::sum);
        byOperation.computeIfAbsent(request.operation().key(), key -> new TreeMap<>()).merge(statusClass, 1,
                Integer::sum);
    }

    void failed(FuzzedRequest request, String what) {
        failureCount++;
        if (failures.size() < FAILURES_SHOWN) {
            failures.add(what + "\n    request: " + request.describe());
        }
    }

    void finished(int readiness, long elapsedMillis) {
        this.readinessAfter = readiness;
        this.millis = elapsedMillis;
    }

    public int sent() {
        return sent;
    }

    /** Answers per status class ({@code 2xx}, {@code 4xx}, ...). */
    public Map<String, Integer> byStatusClass() {
        return Map.copyOf(byClass);
    }

    /** Answers per operation ({@code GET /v1/requests/{id}}) and status class. */
    public Map<String, Map<String, Integer>> byOperation() {
        return Map.copyOf(byOperation);
    }

    public int failures() {
        return failureCount;
    }

    public int readinessAfter() {
        return readinessAfter;
    }

    /**
     * Throws unless the run sent every request it was asked for, every one was answered without a 5xx and
     * every 4xx with a problem-details body, and the service's readiness was 200 afterwards.
     */
    public void assertClean() {
        List<String> broken = new ArrayList<>();
        if (sent < asked) {
            broken.add("only " + sent + " requests were answered of the " + asked + " asked for");
        }
        if (failureCount > 0) {
            broken.add(failureCount + " answers broke the contract; the first " + failures.size() + ":\n  "
                    + String.join("\n  ", failures));
        }
        if (readinessAfter != 200) {
            broken.add("/q/health/ready answered " + readinessAfter + " after the run, not 200");
        }
        if (!broken.isEmpty()) {
            throw new AssertionError(service + " fuzz run (seed " + seed + ") failed: " + String.join("\n", broken));
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(service + " fuzz run, seed " + seed + ": " + sent + " requests in "
                + millis + " ms, " + byClass + ", " + failureCount + " broken, readiness after: " + readinessAfter);
        byOperation.forEach((operation, classes) -> text.append("\n  ").append(operation).append(' ').append(classes));
        return text.toString();
    }
}
