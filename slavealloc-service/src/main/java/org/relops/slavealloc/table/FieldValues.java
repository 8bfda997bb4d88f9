package org.relops.slavealloc.table;

import java.util.Locale;

import org.relops.model.value.Hostname;
import org.relops.support.rest.ProblemException;

/** Checks and converts one field's value, as JSON or as a query parameter gives it, to its column's type. */
final class FieldValues {

    private FieldValues() {
    }

    /** A JSON value for a column; {@code null} stays null (the caller decides if that is allowed). */
    static Object fromJson(Table table, Column column, Object value) {
        if (value == null) {
            return null;
        }
        return switch (column.kind()) {
            case ID, INTEGER, REFERENCE -> integer(column, value);
            case BOOLEAN -> bool(column, value);
            case NAME -> name(table, text(column, value));
            case TEXT, SECRET, TOKEN -> text(column, value);
        };
    }

    static Object parseFilter(Column column, String value) {
        return switch (column.kind()) {
            case ID, INTEGER, REFERENCE -> {
                try {
                    yield Integer.valueOf(value);
                } catch (NumberFormatException e) {
                    throw ProblemException.badRequest("'" + column.name() + "' must be a number, not '" + value + "'");
                }
            }
            case BOOLEAN -> bool(column, value);
            default -> value;
        };
    }

    /** Slaves are known by their unqualified host name, stored lower-case. */
    static String name(Table table, String name) {
        if (name.isBlank()) {
            throw ProblemException.badRequest(table.name() + " need a non-empty " + table.nameColumn().name());
        }
        if (table == Tables.SLAVES) {
            try {
                return new Hostname(name).value();
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("slave name: " + e.getMessage());
            }
        }
        return name;
    }

    private static Integer integer(Column column, Object value) {
        if (value instanceof Integer number) {
            return number;
        }
        if (value instanceof Number number && number.longValue() == number.doubleValue()
                && Math.abs(number.longValue()) <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        throw ProblemException.badRequest("'" + column.name() + "' must be a whole number");
    }

    private static Boolean bool(Column column, Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = String.valueOf(value).toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ProblemException.badRequest("'" + column.name() + "' must be true or false");
        };
    }

    private static String text(Column column, Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw ProblemException.badRequest("'" + column.name() + "' must be a string");
    }
}
