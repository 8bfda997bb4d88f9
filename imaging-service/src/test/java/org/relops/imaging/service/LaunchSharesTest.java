package org.relops.imaging.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class LaunchSharesTest {

    private static final int THREADS = 4;
    private static final int BATCH = 32;

    @Test
    void shouldLaunchALoneOperationAlone() {
        assertEquals(List.of(List.of(1)), LaunchShares.split(List.of(1), THREADS, BATCH));
    }

    @Test
    void shouldGiveEachThreadAnEvenShare() {
        List<List<Integer>> shares = LaunchShares.split(numbers(32), THREADS, BATCH);

        assertEquals(List.of(8, 8, 8, 8), shares.stream().map(List::size).toList());
        assertEquals(numbers(32), shares.stream().flatMap(List::stream).toList());
    }

    @Test
    void shouldNeverMakeAShareLargerThanABatch() {
        List<List<Integer>> shares = LaunchShares.split(numbers(200), THREADS, BATCH);

        assertEquals(7, shares.size());
        assertTrue(shares.stream().allMatch(share -> share.size() <= BATCH), shares.toString());
        assertEquals(numbers(200), shares.stream().flatMap(List::stream).toList(), "every launch once, in order");
    }

    @Test
    void shouldGiveFewerLaunchesThanThreadsOneShareEach() {
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)), LaunchShares.split(numbers(3), THREADS, BATCH));
    }

    private static List<Integer> numbers(int count) {
        return IntStream.range(0, count).boxed().toList();
    }
}
