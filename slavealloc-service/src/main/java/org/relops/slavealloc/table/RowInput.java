package org.relops.slavealloc.table;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.slavealloc.service.SecretBox;
import org.relops.slavealloc.service.TacAccess;
import org.relops.support.rest.ProblemException;

/**
 * Turns a JSON object (from a client or a dump) into checked column values of one table: types,
 * required fields, references given by id or by name (the label), secrets encrypted on the way in.
 */
@ApplicationScoped
public class RowInput {

    /** What the values are for. */
    public enum Purpose {
        /** A new row from a client: required fields present, no read-only field, no unknown key. */
        CREATE,
        /** A partial update from a client: only the fields given, no read-only field, no unknown key. */
        UPDATE,
        /** A row of a dump: as CREATE, but read-only fields kept and unknown keys ignored. */
        IMPORT
    }

    private static final int MIN_TOKEN_LENGTH = 16;

    @Inject
    TableStore store;

    @Inject
    SecretBox secrets;

    /**
     * Column values from {@code json}. {@code translateId} maps a referenced id as given to a stored
     * id (the identity for clients; the dump's id mapping for imports).
     */
    public Map<Column, Object> read(Table table, Map<String, Object> json, Purpose purpose,
            BiFunction<Column, Integer, Integer> translateId) {
        if (purpose != Purpose.IMPORT) {
            refuseUnknownKeys(table, json.keySet());
        }
        Map<Column, Object> values = new LinkedHashMap<>();
        for (Column column : table.columns()) {
            if (column.kind() == Column.Kind.ID) {
                continue;
            }
            boolean given = json.containsKey(column.name())
                    || column.label() != null && json.containsKey(column.label());
            if (!given) {
                if (purpose != Purpose.UPDATE && column.required()) {
                    throw ProblemException.badRequest(table.name() + " need '" + column.name() + "'"
                            + (column.label() != null ? " or '" + column.label() + "'" : ""));
                }
                continue;
            }
            if (!column.writable() && purpose != Purpose.IMPORT) {
                throw ProblemException.badRequest("'" + column.name() + "' of " + table.name() + " cannot be written");
            }
            Object value = value(table, column, json, translateId);
            if (value == null && column.required()) {
                throw ProblemException.badRequest("'" + column.name() + "' of " + table.name() + " cannot be null");
            }
            values.put(column, value);
        }
        return values;
    }

    private Object value(Table table, Column column, Map<String, Object> json,
            BiFunction<Column, Integer, Integer> translateId) {
        if (column.isReference()) {
            Object id = json.get(column.name());
            if (id != null) {
                return translateId.apply(column, (Integer) FieldValues.fromJson(table, column, id));
            }
            Object label = json.get(column.label());
            if (label == null) {
                return null;
            }
            Table referenced = Tables.named(column.references()).orElseThrow();
            String name = String.valueOf(label);
            return store.idOf(referenced, name).orElseThrow(() -> ProblemException.unprocessable(
                    "'" + column.label() + "': there is no " + referenced.name() + " row named '" + name + "'"));
        }
        Object value = FieldValues.fromJson(table, column, json.get(column.name()));
        if (value == null) {
            return null;
        }
        return switch (column.kind()) {
            case SECRET -> secrets.encrypt((String) value);
            case TOKEN -> {
                if (((String) value).length() < MIN_TOKEN_LENGTH) {
                    throw ProblemException.badRequest("'" + column.name() + "' must be at least " + MIN_TOKEN_LENGTH
                            + " characters");
                }
                yield TacAccess.hash((String) value);
            }
            default -> value;
        };
    }

    private static void refuseUnknownKeys(Table table, Set<String> keys) {
        for (String key : keys) {
            if (table.column(key).isEmpty()) {
                throw ProblemException.badRequest(table.name() + " have no field '" + key + "'");
            }
            if (table.column(key).get().kind() == Column.Kind.ID) {
                throw ProblemException.badRequest("'" + key + "' is chosen by the service and cannot be written");
            }
        }
    }
}
