package org.relops.support.consume;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure of the infrastructure a handler depends on (its database unreachable, restarting or out of
 * connections) from a failure of the message's own handling: an outage says nothing about the message, so it
 * must not use up its attempts.
 */
final class Outages {

    private Outages() {
    }

    static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && isOutageState(sql.getSQLState())) {
                return true;
            }
            String name = cause.getClass().getSimpleName();
            String message = String.valueOf(cause.getMessage());
            // Hibernate's and Agroal's names for a connection that could not be had
            if (name.equals("JDBCConnectionException") || message.contains("Acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57P (server shutting down). */
    private static boolean isOutageState(String state) {
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P");
    }
}
