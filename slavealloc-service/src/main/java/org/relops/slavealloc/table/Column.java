package org.relops.slavealloc.table;

/**
 * One field of a slavealloc table as the API and dumps see it. A reference is an id column plus a
 * label: the referenced row's name, shown next to the id ({@code poolid} and {@code pool}).
 */
public record Column(String name, Kind kind, String references, String label, boolean required, boolean writable) {

    /** What a column holds, and so how it is read, written and shown. */
    public enum Kind {
        ID, NAME, TEXT, INTEGER, BOOLEAN, REFERENCE,
        /** Write-only: stored encrypted in {@code <name>_enc}, never shown. */
        SECRET,
        /** Write-only: only its SHA-256 is stored, in {@code <name>_hash}; never shown. */
        TOKEN
    }

    static Column id(String name) {
        return new Column(name, Kind.ID, null, null, false, false);
    }

    static Column name(String name) {
        return new Column(name, Kind.NAME, null, null, true, true);
    }

    static Column text(String name, boolean required) {
        return new Column(name, Kind.TEXT, null, null, required, true);
    }

    static Column integer(String name, boolean required) {
        return new Column(name, Kind.INTEGER, null, null, required, true);
    }

    static Column bool(String name) {
        return new Column(name, Kind.BOOLEAN, null, null, false, true);
    }

    static Column reference(String name, String table, String label, boolean required) {
        return new Column(name, Kind.REFERENCE, table, label, required, true);
    }

    static Column secret(String name) {
        return new Column(name, Kind.SECRET, null, null, false, true);
    }

    static Column token(String name) {
        return new Column(name, Kind.TOKEN, null, null, false, true);
    }

    /** The same column, shown but never written through the API (allocation and registration own it). */
    Column readOnly() {
        return new Column(name, kind, references, label, false, false);
    }

    /** Accepted on writes, never read back. */
    public boolean isWriteOnly() {
        return kind == Kind.SECRET || kind == Kind.TOKEN;
    }

    public boolean isReference() {
        return kind == Kind.REFERENCE;
    }

    /** The SQL column that stores it. */
    public String storedAs() {
        return switch (kind) {
            case SECRET -> name + "_enc";
            case TOKEN -> name + "_hash";
            default -> name;
        };
    }
}
