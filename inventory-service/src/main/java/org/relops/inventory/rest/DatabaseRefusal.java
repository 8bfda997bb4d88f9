package org.relops.inventory.rest;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, in an exception's causes (and what they suppressed: a failed commit reports the database's
 * refusal that way), the database refusing a write because of an integrity constraint (SQL state class
 * 23: unique, exclusion, foreign key, check), and says which.
 */
final class DatabaseRefusal {

    private static final String INTEGRITY_CONSTRAINT_VIOLATION = "23";

    private DatabaseRefusal() {
    }

    static Optional<String> of(Throwable failure) {
        return find(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Optional<String> find(Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return Optional.empty();
        }
        if (failure instanceof SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().startsWith(INTEGRITY_CONSTRAINT_VIOLATION)) {
            return Optional.of(firstLine(sql.getMessage()));
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            Optional<String> found = find(suppressed, seen);
            if (found.isPresent()) {
                return found;
            }
        }
        return find(failure.getCause(), seen);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
