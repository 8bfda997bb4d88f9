package org.relops.inventory.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.persistence.PessimisticLockException;

import org.junit.jupiter.api.Test;

class LockConflictsTest {

    /** What PostgreSQL's deadlock detector raises in the transaction it rolls back, as Hibernate wraps it. */
    private static RuntimeException deadlock() {
        return new PessimisticLockException("could not lock", new SQLException("deadlock detected", "40P01"));
    }

    @Test
    void shouldRunAgainAWorkThatLostADeadlock() {
        AtomicInteger attempts = new AtomicInteger();

        String result = LockConflicts.retrying("a test import", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw deadlock();
            }
            return "applied";
        });

        assertEquals("applied", result);
        assertEquals(3, attempts.get());
    }

    @Test
    void shouldRecogniseADeadlockBySqlStateUnderAnyWrapper() {
        RuntimeException wrapped = new IllegalStateException("import failed",
                new RuntimeException(new SQLException("deadlock detected", "40P01")));

        assertEquals(true, LockConflicts.isLockConflict(wrapped));
        assertEquals(false, LockConflicts.isLockConflict(new IllegalStateException("a refused import")));
    }

    @Test
    void shouldNotRunAgainAWorkThatFailedForAnotherReason() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException refused = new IllegalStateException("refused");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> LockConflicts.retrying("a test import", () -> {
                    attempts.incrementAndGet();
                    throw refused;
                }));

        assertSame(refused, thrown);
        assertEquals(1, attempts.get());
    }

    @Test
    void shouldGiveUpAfterItsAttempts() {
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(PessimisticLockException.class, () -> LockConflicts.retrying("a test import", () -> {
            attempts.incrementAndGet();
            throw deadlock();
        }));

        assertEquals(5, attempts.get());
    }
}
