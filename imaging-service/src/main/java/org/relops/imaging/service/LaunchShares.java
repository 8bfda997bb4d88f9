package org.relops.imaging.service;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the launches one transaction committed into shares for the launch threads: as even as the threads allow,
 * none larger than a batch. One launch is one share; a consumer's batch of 32 on four threads, four shares of 8.
 */
final class LaunchShares {

    private LaunchShares() {
    }

    static <T> List<List<T>> split(List<T> launches, int threads, int batch) {
        if (launches.isEmpty()) {
            return List.of();
        }
        int shares = Math.max(Math.min(threads, launches.size()), (launches.size() + batch - 1) / batch);
        List<List<T>> split = new ArrayList<>(shares);
        for (int i = 0; i < shares; i++) {
            int from = launches.size() * i / shares;
            int to = launches.size() * (i + 1) / shares;
            split.add(List.copyOf(launches.subList(from, to)));
        }
        return split;
    }
}
