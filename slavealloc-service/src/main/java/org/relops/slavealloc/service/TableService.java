package org.relops.slavealloc.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.relops.slavealloc.table.Column;
import org.relops.slavealloc.table.RowInput;
import org.relops.slavealloc.table.Table;
import org.relops.slavealloc.table.TableStore;
import org.relops.slavealloc.table.Tables;
import org.relops.support.audit.AuditTrail;
import org.relops.support.rest.ProblemException;

/**
 * The operations {@code /api} offers on every table: list, find by id or name, create, and update
 * some fields of a row. Changes to slaves and masters take effect at each slave's next {@code /gettac}.
 */
@ApplicationScoped
public class TableService {

    @Inject
    TableStore store;

    @Inject
    RowInput input;

    @Inject
    TacRenderer renderer;

    @Inject
    AuditTrail audit;

    public List<Map<String, Object>> list(Table table, Map<String, String> filters) {
        return store.list(table, filters);
    }

    /** The row with this id, or (byName) this name. */
    public Optional<Map<String, Object>> find(Table table, String key, boolean byName) {
        return byName ? store.findByName(table, key) : id(key).flatMap(id -> store.find(table, id));
    }

    @Transactional
    public Map<String, Object> create(Table table, Map<String, Object> fields) {
        Map<Column, Object> values = input.read(table, fields, RowInput.Purpose.CREATE, (column, id) -> id);
        checkTemplate(table, values);
        int id = store.insert(table, values);
        // the fields' names only: a row may hold what must not be repeated (a template's passwords)
        audit.record("slavealloc/" + table.name() + "/" + id, "created", "fields " + names(values));
        return store.find(table, id).orElseThrow();
    }

    /** Sets the given fields of a row; empty if there is no such row. */
    @Transactional
    public Optional<Map<String, Object>> update(Table table, String key, boolean byName, Map<String, Object> fields) {
        Optional<Integer> id = byName ? store.idOf(table, key) : id(key);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Map<Column, Object> values = input.read(table, fields, RowInput.Purpose.UPDATE, (column, given) -> given);
        checkTemplate(table, values);
        if (!store.update(table, id.get(), values)) {
            return Optional.empty();
        }
        audit.record("slavealloc/" + table.name() + "/" + id.get(), "changed", "fields " + names(values));
        return store.find(table, id.get());
    }

    private static String names(Map<Column, Object> values) {
        return values.keySet().stream().map(Column::name).sorted().collect(java.util.stream.Collectors.joining(", "));
    }

    private void checkTemplate(Table table, Map<Column, Object> values) {
        if (table != Tables.TAC_TEMPLATES) {
            return;
        }
        table.column("template").map(values::get).ifPresent(template -> {
            try {
                renderer.check((String) template);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("template: " + e.getMessage());
            }
        });
    }

    private static Optional<Integer> id(String key) {
        try {
            return Optional.of(Integer.valueOf(key));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("'" + key + "' is not an id; add ?byname=1 to look up by name");
        }
    }
}
