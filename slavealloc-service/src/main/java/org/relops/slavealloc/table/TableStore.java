package org.relops.slavealloc.table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.support.rest.ProblemException;

import io.agroal.api.AgroalDataSource;

/**
 * Reads and writes the rows of any {@link Table} with plain SQL: lists them denormalised (each
 * reference with the referenced row's name beside its id), finds them by id or by name, inserts and
 * updates column values. Encrypted columns are never read back. Runs in the caller's transaction.
 */
@ApplicationScoped
public class TableStore {

    @Inject
    AgroalDataSource dataSource;

    /** Rows matching every filter: a label ({@code pool=production}), a column, or a boolean. */
    public List<Map<String, Object>> list(Table table, Map<String, String> filters) {
        StringBuilder sql = new StringBuilder(select(table));
        List<Object> parameters = new ArrayList<>();
        StringJoiner where = new StringJoiner(" and ", " where ", "").setEmptyValue("");
        filters.forEach((key, value) -> where.add(condition(table, key, value, parameters)));
        sql.append(where).append(" order by t.").append(quote(table.id().name()));
        return query(table, sql.toString(), parameters);
    }

    public Optional<Map<String, Object>> find(Table table, int id) {
        String sql = select(table) + " where t." + quote(table.id().name()) + " = ?";
        return query(table, sql, List.of(id)).stream().findFirst();
    }

    /** The row with this name, ignoring case. */
    public Optional<Map<String, Object>> findByName(Table table, String name) {
        String sql = select(table) + " where lower(t." + quote(table.nameColumn().name()) + ") = lower(?)";
        return query(table, sql, List.of(name)).stream().findFirst();
    }

    public Optional<Integer> idOf(Table table, String name) {
        return findByName(table, name).map(row -> (Integer) row.get(table.id().name()));
    }

    /** Inserts a row from column values (stored column names) and returns its id. */
    public int insert(Table table, Map<Column, Object> values) {
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        values.keySet().forEach(column -> {
            columns.add(quote(column.storedAs()));
            marks.add("?");
        });
        String sql = "insert into " + table.name() + " (" + columns + ") values (" + marks + ")";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql, new String[] {table.id().name()})) {
            bind(statement, new ArrayList<>(values.values()));
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getInt(1);
            }
        } catch (SQLException e) {
            throw SqlProblems.translate(table, e);
        }
    }

    /** Sets some columns of one row; {@code false} if there is no such row. */
    public boolean update(Table table, int id, Map<Column, Object> values) {
        if (values.isEmpty()) {
            return find(table, id).isPresent();
        }
        StringJoiner assignments = new StringJoiner(", ");
        values.keySet().forEach(column -> assignments.add(quote(column.storedAs()) + " = ?"));
        String sql = "update " + table.name() + " set " + assignments + " where " + quote(table.id().name()) + " = ?";
        List<Object> parameters = new ArrayList<>(values.values());
        parameters.add(id);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw SqlProblems.translate(table, e);
        }
    }

    private List<Map<String, Object>> query(Table table, String sql, List<Object> parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<Map<String, Object>> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(row(table, rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw SqlProblems.translate(table, e);
        }
    }

    private static Map<String, Object> row(Table table, ResultSet rows) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Column column : table.columns()) {
            if (column.isWriteOnly()) {
                continue;
            }
            row.put(column.name(), rows.getObject(column.name()));
            if (column.isReference()) {
                row.put(column.label(), rows.getObject(column.label()));
            }
        }
        return row;
    }

    private static String select(Table table) {
        StringJoiner fields = new StringJoiner(", ");
        StringBuilder joins = new StringBuilder();
        int alias = 0;
        for (Column column : table.columns()) {
            if (column.isWriteOnly()) {
                continue;
            }
            fields.add("t." + quote(column.name()));
            if (column.isReference()) {
                Table referenced = Tables.named(column.references()).orElseThrow();
                String joined = "r" + alias++;
                fields.add(joined + "." + quote(referenced.nameColumn().name()) + " as " + quote(column.label()));
                joins.append(" left join ").append(referenced.name()).append(' ').append(joined)
                        .append(" on ").append(joined).append('.').append(quote(referenced.id().name()))
                        .append(" = t.").append(quote(column.name()));
            }
        }
        return "select " + fields + " from " + table.name() + " t" + joins;
    }

    private static String condition(Table table, String key, String value, List<Object> parameters) {
        Column column = table.column(key)
                .filter(found -> !found.isWriteOnly())
                .orElseThrow(() -> ProblemException.badRequest("cannot filter " + table.name() + " by '" + key + "'"));
        if (column.isReference() && key.equals(column.label())) {
            Table referenced = Tables.named(column.references()).orElseThrow();
            parameters.add(value);
            return "t." + quote(column.name()) + " in (select " + quote(referenced.id().name()) + " from "
                    + referenced.name() + " where lower(" + quote(referenced.nameColumn().name()) + ") = lower(?))";
        }
        parameters.add(FieldValues.parseFilter(column, value));
        return switch (column.kind()) {
            case NAME, TEXT -> "lower(t." + quote(column.name()) + ") = lower(?)";
            default -> "t." + quote(column.name()) + " = ?";
        };
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    static String quote(String identifier) {
        return '"' + identifier + '"';
    }
}
