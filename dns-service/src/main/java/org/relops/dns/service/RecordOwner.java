package org.relops.dns.service;

/** Who put a record in a zone, as stored in its {@code owner} column. */
public final class RecordOwner {

    private static final String MACHINE = "machine:";
    private static final String ALIAS = "alias:";
    private static final String UPDATE = "update:";

    private RecordOwner() {
    }

    public static String machine(String hostname) {
        return MACHINE + hostname;
    }

    public static String alias(String name) {
        return ALIAS + name;
    }

    /** A record added by an RFC 2136 update signed with this TSIG key. */
    public static String update(String keyName) {
        return UPDATE + keyName;
    }

    public static boolean isAlias(String owner) {
        return owner.startsWith(ALIAS);
    }
}
