package org.relops.support.rest;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, in an exception's causes (and what they suppressed: a failed commit reports the database's
 * refusal that way), the database refusing a write, and says why: an integrity constraint (SQL state class
 * 23: unique, exclusion, foreign key, check), or a value it cannot store (class 22: too long, out of
 * range, a NUL character in text).
 */
public final class DatabaseRefusal {

    private static final String INTEGRITY_CONSTRAINT_VIOLATION = "23";
    private static final String DATA_EXCEPTION = "22";
    private static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

    private DatabaseRefusal() {
    }

    /** The constraint the database refused a write for, as its first message line. */
    public static Optional<String> of(Throwable failure) {
        return find(failure, INTEGRITY_CONSTRAINT_VIOLATION, Collections.newSetFromMap(new IdentityHashMap<>()))
                .map(sql -> firstLine(sql.getMessage()));
    }

    /** Why the database could not store a value it was given, for the person who sent it. */
    public static Optional<String> ofValue(Throwable failure) {
        return find(failure, DATA_EXCEPTION, Collections.newSetFromMap(new IdentityHashMap<>())).map(sql ->
                CHARACTER_NOT_IN_REPERTOIRE.equals(sql.getSQLState())
                        ? "a text value contains the NUL character (U+0000), which no field allows"
                        : "a value cannot be stored: " + firstLine(sql.getMessage()).replaceFirst("^ERROR:\\s*", ""));
    }

    private static Optional<SQLException> find(Throwable failure, String stateClass, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return Optional.empty();
        }
        if (failure instanceof SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().startsWith(stateClass)) {
            return Optional.of(sql);
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            Optional<SQLException> found = find(suppressed, stateClass, seen);
            if (found.isPresent()) {
                return found;
            }
        }
        return find(failure.getCause(), stateClass, seen);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
