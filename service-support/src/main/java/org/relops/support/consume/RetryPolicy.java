package org.relops.support.consume;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a message whose handling failed (or any work that lost to a transient conflict) is tried again: after a delay that doubles with every attempt (from
 * {@code firstDelay} up to {@code maxDelay}, with a little jitter so that replicas do not retry in step), and
 * at most {@code maxAttempts} times in all before it is dead-lettered. An infrastructure outage is no attempt.
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay, int maxAttempts) {

    /** The wait before the next try, after {@code failures} failed attempts (1 or more). */
    public Duration delayAfter(int failures) {
        long first = firstDelay.toMillis();
        long doubled = first << Math.min(Math.max(failures - 1, 0), 20);
        long capped = Math.min(doubled, maxDelay.toMillis());
        long jitter = capped / 5 == 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 5);
        return Duration.ofMillis(capped - jitter);
    }
}
