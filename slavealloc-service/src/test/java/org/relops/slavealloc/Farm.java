package org.relops.slavealloc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.relops.slavealloc.importer.DumpImporter;

/**
 * A pool of its own for one test: an environment and pool with a fresh name, its masters, and slaves
 * of one silo (the seed's lookup rows), created through the dump importer. Builds the dump; imports on
 * {@link #importWith}.
 */
public final class Farm {

    public static final String PASSWORD = "farm-slave-password";
    public static final String LOCALHOST = "127.0.0.1";

    public final String pool;
    private final List<Map<String, Object>> masters = new ArrayList<>();
    private final List<Map<String, Object>> slaves = new ArrayList<>();

    private Farm(String pool) {
        this.pool = pool;
    }

    public static Farm named(String prefix) {
        return new Farm(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String master(int number) {
        return pool + "-m" + number;
    }

    public String slave(int number) {
        return pool + "-s" + number;
    }

    public String fqdn(int master) {
        return master(master) + ".test.relops.example";
    }

    public Farm withMasters(int count) {
        for (int number = 1; number <= count; number++) {
            Map<String, Object> master = new LinkedHashMap<>();
            master.put("nickname", master(number));
            master.put("fqdn", fqdn(number));
            master.put("http_port", 8000 + number);
            master.put("pb_port", 9000 + number);
            master.put("datacenter", "local");
            master.put("pool", pool);
            master.put("enabled", true);
            masters.add(master);
        }
        return this;
    }

    /** Slaves of one silo (purpose {@code build}) at the test's own address. */
    public Farm withSlaves(int count) {
        return withSlaves(count, "build");
    }

    public Farm withSlaves(int count, String purpose) {
        int first = slaves.size() + 1;
        for (int number = first; number < first + count; number++) {
            slaves.add(slave(slave(number), purpose));
        }
        return this;
    }

    /** A slave row to adjust before import (address, lock, template...). */
    public Map<String, Object> slave(String name, String purpose) {
        Map<String, Object> slave = new LinkedHashMap<>();
        slave.put("name", name);
        slave.put("distro", "debian12");
        slave.put("bitlength", "64");
        slave.put("speed", "vm");
        slave.put("purpose", purpose);
        slave.put("datacenter", "local");
        slave.put("trustlevel", "core");
        slave.put("environment", pool);
        slave.put("pool", pool);
        slave.put("basedir", "/builds/" + name);
        slave.put("enabled", true);
        slave.put("address", LOCALHOST);
        return slave;
    }

    public Farm withSlave(Map<String, Object> slave) {
        slaves.add(slave);
        return this;
    }

    public Map<String, Object> dump() {
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("pools", List.of(Map.of("name", pool)));
        dump.put("environments", List.of(Map.of("name", pool, "default_pool", pool)));
        dump.put("masters", masters);
        dump.put("slaves", slaves);
        dump.put("slave_passwords", List.of(Map.of("pool", pool, "password", PASSWORD)));
        return dump;
    }

    public Farm importWith(DumpImporter importer) {
        importer.importDump(dump());
        return this;
    }
}
