package org.relops.testing;

import java.util.function.Predicate;
import java.util.stream.DoubleStream;

/** The sample values in a Prometheus text exposition (a service's /q/metrics), as tests read them. */
public final class MetricSamples {

    private MetricSamples() {
    }

    /** The values of the sample lines that {@code line} picks (by name, and by labels as far as it looks). */
    public static DoubleStream of(String exposition, Predicate<String> line) {
        return exposition.lines().filter(sample -> !sample.startsWith("#")).filter(line)
                .mapToDouble(sample -> Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1)));
    }
}
