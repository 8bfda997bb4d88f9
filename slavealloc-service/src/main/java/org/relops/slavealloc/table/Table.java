package org.relops.slavealloc.table;

import java.util.List;
import java.util.Optional;

/** A slavealloc table: its name (also its {@code /api} path and dump key), id column and fields. */
public record Table(String name, List<Column> columns) {

    public Column id() {
        return columns.get(0);
    }

    /** The column rows are known by: {@code name}, or a master's {@code nickname}. */
    public Column nameColumn() {
        return columns.stream().filter(column -> column.kind() == Column.Kind.NAME).findFirst().orElseThrow();
    }

    /** The column a JSON key names: a column name, or the label of a reference. */
    public Optional<Column> column(String key) {
        return columns.stream().filter(column -> column.name().equals(key) || key.equals(column.label())).findFirst();
    }

    public Optional<Column> labelled(String label) {
        return columns.stream().filter(column -> label.equals(column.label())).findFirst();
    }
}
