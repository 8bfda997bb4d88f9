package org.relops.slavealloc.importer;

import java.util.Map;

/** What an import did, per table: rows inserted, and rows left alone because their name existed. */
public record ImportReport(Map<String, Counts> tables) {

    /** Rows of one table. */
    public record Counts(int inserted, int skipped) {

        Counts plus(boolean inserted) {
            return inserted ? new Counts(this.inserted + 1, skipped) : new Counts(this.inserted, skipped + 1);
        }
    }

    public int inserted() {
        return tables.values().stream().mapToInt(Counts::inserted).sum();
    }
}
