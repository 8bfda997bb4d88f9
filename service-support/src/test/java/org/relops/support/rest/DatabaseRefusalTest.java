package org.relops.support.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What the database's refusals say to the client, found wherever they hide in a failure. */
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

    @Test
    void shouldSayWhichValueTheDatabaseCouldNotStore() {
        SQLException tooLong = new SQLException("ERROR: value too long for type character varying(63)", "22001");

        assertEquals(Optional.of("a value cannot be stored: value too long for type character varying(63)"),
                DatabaseRefusal.ofValue(new RuntimeException(tooLong)));
    }

    @Test
    void shouldNameTheNulCharacterWhenTheDatabaseRefusesIt() {
        SQLException nul = new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021");

        assertEquals(Optional.of("a text value contains the NUL character (U+0000), which no field allows"),
                DatabaseRefusal.ofValue(new IllegalStateException("commit failed", nul)));
    }

    @Test
    void shouldNotTakeAConstraintForABadValue() {
        assertEquals(Optional.empty(), DatabaseRefusal.ofValue(new SQLException("duplicate key", "23505")));
    }
}
