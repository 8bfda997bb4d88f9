package org.relops.inventory;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.relops.model.event.RequestSubmitted;
import org.relops.model.value.PlacementConstraints;
import org.relops.model.value.Spread;

/** Test fixtures: requests for machines from one pool (hardware class) of the test inventory. */
public final class Requests {

    public static final String IMAGE = "releng-talos-linux64";
    public static final String IMAGE_VERSION = "3";
    public static final String APP_ENVIRONMENT = "production";

    private Requests() {
    }

    public static RequestSubmitted forPool(String hardwareClass, int count) {
        return forPool(hardwareClass, count, Spread.NONE);
    }

    public static RequestSubmitted forPool(String hardwareClass, int count, Spread spread) {
        return constrained(count, new PlacementConstraints(null, spread, hardwareClass));
    }

    public static RequestSubmitted constrained(int count, PlacementConstraints constraints) {
        String requestId = "req-" + UUID.randomUUID();
        return new RequestSubmitted(requestId, IMAGE, IMAGE_VERSION, count, APP_ENVIRONMENT,
                hostnames(requestId, count), constraints);
    }

    private static List<String> hostnames(String requestId, int count) {
        String suffix = requestId.substring(requestId.length() - 8);
        return IntStream.rangeClosed(1, count).mapToObj(i -> "t" + suffix + "-" + i).toList();
    }
}
