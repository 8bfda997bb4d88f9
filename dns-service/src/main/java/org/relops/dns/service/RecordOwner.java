package org.relops.dns.service;

/** Who put a record in a zone, as stored in its {@code owner} column. */
public final class RecordOwner {

    private static final String MACHINE = "machine:";
    private static final String ALIAS = "alias:";
    private static final String UPDATE = "update:";
    private static final String SERVICE = "service:";

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

    /** A service name from configuration ({@code relops.dns.zone.service-names}). */
    public static String service(String name) {
        return SERVICE + name;
    }

    public static boolean isAlias(String owner) {
        return owner.startsWith(ALIAS);
    }

    public static boolean isMachine(String owner) {
        return owner.startsWith(MACHINE);
    }

    public static boolean isService(String owner) {
        return owner.startsWith(SERVICE);
    }

    /** The owners' prefix of service records, for queries ({@code owner like 'service:%'}). */
    public static String servicePattern() {
        return SERVICE + "%";
    }

    /** The name part of an owner: the hostname, alias, service name or key. */
    public static String nameOf(String owner) {
        return owner.substring(owner.indexOf(':') + 1);
    }
}
