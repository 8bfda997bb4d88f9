package org.relops.slavealloc.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.relops.slavealloc.SlavePassword;
import org.relops.slavealloc.importer.ImportReport.Counts;
import org.relops.slavealloc.service.SecretBox;
import org.relops.slavealloc.table.Column;
import org.relops.slavealloc.table.RowInput;
import org.relops.slavealloc.table.Table;
import org.relops.slavealloc.table.TableStore;
import org.relops.slavealloc.table.Tables;
import org.relops.support.audit.AuditTrail;
import org.relops.support.rest.ProblemException;

import io.agroal.api.AgroalDataSource;

/**
 * Imports a dump of an allocator's tables (the original allocator's JSON, or this service's own
 * {@code /api} output): one key per table, each a list of rows, plus {@code slave_passwords}. Rows
 * keep their references by remapping the dump's ids to new ones; a reference may also be given by name.
 * Insert-only and all-or-nothing: a row whose name exists is left as it is, so importing twice changes
 * nothing. Passwords, clear in the old allocator, are encrypted on the way in.
 */
@ApplicationScoped
public class DumpImporter {

    static final String PASSWORDS = "slave_passwords";

    @Inject
    TableStore store;

    @Inject
    RowInput input;

    @Inject
    SecretBox secrets;

    @Inject
    AuditTrail audit;

    @Inject
    AgroalDataSource dataSource;

    @Transactional
    public ImportReport importDump(Map<String, Object> dump) {
        serialiseImports();
        Map<String, Map<Integer, Integer>> ids = new HashMap<>();
        Map<String, Counts> report = new LinkedHashMap<>();
        for (Table table : Tables.ALL) {
            Counts counts = new Counts(0, 0);
            Map<Integer, Integer> tableIds = ids.computeIfAbsent(table.name(), name -> new HashMap<>());
            for (Map<String, Object> row : rows(dump, table.name())) {
                counts = counts.plus(importRow(table, row, tableIds, ids));
            }
            report.put(table.name(), counts);
        }
        Counts passwords = new Counts(0, 0);
        for (Map<String, Object> row : rows(dump, PASSWORDS)) {
            passwords = passwords.plus(importPassword(row, ids));
        }
        report.put(PASSWORDS, passwords);
        audit.record("slavealloc", "imported", report.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue().inserted() + " inserted, "
                        + entry.getValue().skipped() + " skipped")
                .collect(java.util.stream.Collectors.joining("; ")));
        return new ImportReport(report);
    }

    private boolean importRow(Table table, Map<String, Object> row, Map<Integer, Integer> tableIds,
            Map<String, Map<Integer, Integer>> ids) {
        Object name = row.get(table.nameColumn().name());
        if (!(name instanceof String text)) {
            throw ProblemException.badRequest("a row of " + table.name() + " has no '" + table.nameColumn().name()
                    + "'");
        }
        Integer dumpId = row.get(table.id().name()) instanceof Integer id ? id : null;
        var existing = store.idOf(table, text);
        if (existing.isPresent()) {
            remember(tableIds, dumpId, existing.get());
            return false;
        }
        Map<Column, Object> values = input.read(table, row, RowInput.Purpose.IMPORT,
                (column, id) -> translate(column.references(), id, ids, "a row of " + table.name() + " has "
                        + column.name()));
        table.column("origin").ifPresent(origin -> values.putIfAbsent(origin, "import"));
        remember(tableIds, dumpId, store.insert(table, values));
        return true;
    }

    private boolean importPassword(Map<String, Object> row, Map<String, Map<Integer, Integer>> ids) {
        Integer pool = reference(row, "poolid", "pool", Tables.POOLS, ids);
        Integer distro = reference(row, "distroid", "distro", Tables.DISTROS, ids);
        if (pool == null || !(row.get("password") instanceof String password) || password.isEmpty()) {
            throw ProblemException.badRequest(PASSWORDS + " rows need a pool and a password");
        }
        if (SlavePassword.findFor(pool, distro).isPresent()) {
            return false;
        }
        SlavePassword stored = new SlavePassword();
        stored.poolId = pool;
        stored.distroId = distro;
        stored.passwordEnc = secrets.encrypt(password);
        stored.persist();
        return true;
    }

    private Integer reference(Map<String, Object> row, String idKey, String nameKey, Table table,
            Map<String, Map<Integer, Integer>> ids) {
        if (row.get(idKey) instanceof Integer id) {
            return translate(table.name(), id, ids, PASSWORDS + " has " + idKey);
        }
        if (row.get(nameKey) instanceof String name) {
            return store.idOf(table, name).orElseThrow(() -> ProblemException.unprocessable(
                    PASSWORDS + ": there is no " + table.name() + " row named '" + name + "'"));
        }
        return null;
    }

    private static Integer translate(String referenced, Integer dumpId, Map<String, Map<Integer, Integer>> ids,
            String referrer) {
        Integer stored = ids.getOrDefault(referenced, Map.of()).get(dumpId);
        if (stored == null) {
            throw ProblemException.unprocessable(referrer + " " + dumpId + ", which is not in the dump's "
                    + referenced);
        }
        return stored;
    }

    private static void remember(Map<Integer, Integer> tableIds, Integer dumpId, int storedId) {
        if (dumpId != null) {
            tableIds.put(dumpId, storedId);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> dump, String table) {
        Object rows = dump.getOrDefault(table, List.of());
        if (!(rows instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            throw ProblemException.badRequest("'" + table + "' in the dump must be a list of objects");
        }
        return (List<Map<String, Object>>) rows;
    }

    /** Replicas starting together would otherwise both insert the same seed rows. */
    private void serialiseImports() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement(
                        "select pg_advisory_xact_lock(hashtext('slavealloc-import'))")) {
            lock.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the import lock", e);
        }
    }
}
