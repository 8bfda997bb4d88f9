package org.relops.inventory.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DatabaseRefusalTest {

    @Test
    void shouldFindTheConstraintTheDatabaseRefusedEvenWhereAFailedCommitSuppressedIt() {
        SQLException refusal = new SQLException("ERROR: duplicate key value violates unique constraint"
                + " \"inventory_system_address_unique\"\n  Detail: Key (address)=(10.3.1.11) already exists.", "23505");
        RuntimeException commit = new IllegalStateException("could not commit transaction");
        commit.addSuppressed(new IllegalArgumentException("commit failed", refusal));

        assertEquals(Optional.of("ERROR: duplicate key value violates unique constraint"
                + " \"inventory_system_address_unique\""), DatabaseRefusal.of(new RuntimeException(commit)));
    }

    @Test
    void shouldFindNothingInAFailureThatIsNotAnIntegrityConstraint() {
        assertEquals(Optional.empty(), DatabaseRefusal.of(new RuntimeException(new SQLException("gone", "08006"))));
    }
}
