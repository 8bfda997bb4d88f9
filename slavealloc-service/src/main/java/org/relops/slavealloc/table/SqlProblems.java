package org.relops.slavealloc.table;

import java.sql.SQLException;

import org.relops.support.rest.ProblemException;

/** Turns a constraint the database refused into the client's mistake it reveals. */
final class SqlProblems {

    private SqlProblems() {
    }

    static RuntimeException translate(Table table, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "23505" -> ProblemException.conflict("a row of " + table.name() + " with that name exists already");
            case "23503" -> ProblemException.unprocessable("the " + table.name()
                    + " row refers to a row that does not exist, or is still referred to");
            case "23502" -> ProblemException.badRequest("a required field of " + table.name() + " is missing");
            case "22001" -> ProblemException.badRequest("a value is too long for " + table.name());
            default -> new IllegalStateException("database error on " + table.name() + " (SQL state " + state + ")", e);
        };
    }
}
