package org.relops.inventory.service;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

import jakarta.persistence.PessimisticLockException;

import org.jboss.logging.Logger;
import org.relops.support.consume.RetryPolicy;

/**
 * Runs a transaction that may lose a lock conflict again, a few times. An import locks every system in id order
 * while a consumer's batch locks systems event by event (a progress event's system, then another's); the two can
 * wait on each other, and PostgreSQL's deadlock detector then rolls one of them back. The batch is handled again
 * event by event; this gives an import the same second chance instead of failing (at start-up, stopping the service).
 */
public final class LockConflicts {

    private static final Logger LOG = Logger.getLogger(LockConflicts.class);
    /** Five tries in all, 100 ms before the second, doubling (with the bus's jitter) up to 2 s. */
    private static final RetryPolicy RETRIES = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), 5);
    /** PostgreSQL's SQLSTATEs for a deadlock and for a serialization failure. */
    private static final String DEADLOCK = "40P01";
    private static final String SERIALIZATION_FAILURE = "40001";

    private LockConflicts() {
    }

    /** The work's result; runs it again (after a short, growing pause) while it loses lock conflicts. */
    public static <T> T retrying(String what, Supplier<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= RETRIES.maxAttempts() || !isLockConflict(e)) {
                    throw e;
                }
                LOG.warnf("%s lost a lock conflict (attempt %d of %d); trying again", what, attempt,
                        RETRIES.maxAttempts());
                pause(RETRIES.delayAfter(attempt));
            }
        }
    }

    /** Whether the failure is a lock conflict the database resolved by rolling this transaction back. */
    static boolean isLockConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PessimisticLockException
                    || cause instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && (DEADLOCK.equals(sql.getSQLState()) || SERIALIZATION_FAILURE.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static void pause(Duration delay) {
        try {
            // a backoff between tries, not a wait for a condition: the other transaction ends on its own
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to try again", e);
        }
    }
}
