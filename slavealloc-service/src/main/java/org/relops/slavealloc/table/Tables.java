package org.relops.slavealloc.table;

import static org.relops.slavealloc.table.Column.bool;
import static org.relops.slavealloc.table.Column.id;
import static org.relops.slavealloc.table.Column.integer;
import static org.relops.slavealloc.table.Column.name;
import static org.relops.slavealloc.table.Column.reference;
import static org.relops.slavealloc.table.Column.secret;
import static org.relops.slavealloc.table.Column.text;
import static org.relops.slavealloc.table.Column.token;

import java.util.List;
import java.util.Optional;

/**
 * Every table the API serves and a dump holds, in the order they can be filled (a table only
 * refers to tables before it). Field names are the original allocator's.
 */
public final class Tables {

    public static final Table DISTROS = lookup("distros", "distroid");
    public static final Table DATACENTERS = lookup("datacenters", "dcid");
    public static final Table BITLENGTHS = lookup("bitlengths", "bitsid");
    public static final Table SPEEDS = lookup("speeds", "speedid");
    public static final Table PURPOSES = lookup("purposes", "purposeid");
    public static final Table TRUSTLEVELS = new Table("trustlevels",
            List.of(id("trustid"), name("name"), integer("order", false)));
    public static final Table TAC_TEMPLATES = new Table("tac_templates",
            List.of(id("tplid"), name("name"), text("template", true)));
    public static final Table POOLS = new Table("pools",
            List.of(id("poolid"), name("name"), reference("default_tplid", "tac_templates", "default_tpl", false)));
    public static final Table ENVIRONMENTS = new Table("environments",
            List.of(id("envid"), name("name"), reference("default_poolid", "pools", "default_pool", false)));
    public static final Table ROLES = new Table("roles", List.of(id("roleid"), name("name"),
            reference("distroid", "distros", "distro", true),
            reference("bitsid", "bitlengths", "bitlength", true),
            reference("speedid", "speeds", "speed", true),
            reference("purposeid", "purposes", "purpose", true),
            reference("dcid", "datacenters", "datacenter", true),
            reference("trustid", "trustlevels", "trustlevel", true),
            text("basedir", true)));
    public static final Table MASTERS = new Table("masters", List.of(id("masterid"), name("nickname"),
            text("fqdn", true),
            integer("http_port", true),
            integer("pb_port", true),
            reference("dcid", "datacenters", "datacenter", true),
            reference("poolid", "pools", "pool", true),
            bool("enabled"),
            text("notes", false),
            text("address", false).readOnly(),
            text("request_id", false).readOnly(),
            text("origin", false).readOnly()));
    public static final Table SLAVES = new Table("slaves", List.of(id("slaveid"), name("name"),
            reference("distroid", "distros", "distro", true),
            reference("bitsid", "bitlengths", "bitlength", true),
            reference("speedid", "speeds", "speed", true),
            reference("purposeid", "purposes", "purpose", true),
            reference("dcid", "datacenters", "datacenter", true),
            reference("trustid", "trustlevels", "trustlevel", true),
            reference("envid", "environments", "environment", true),
            reference("poolid", "pools", "pool", true),
            text("basedir", true),
            reference("locked_masterid", "masters", "locked_master", false),
            reference("custom_tplid", "tac_templates", "custom_tpl", false),
            bool("enabled"),
            text("notes", false),
            reference("current_masterid", "masters", "current_master", false).readOnly(),
            text("address", false),
            secret("password"),
            token("tac_token"),
            text("request_id", false).readOnly(),
            text("origin", false).readOnly()));

    /** Every table, in fill order. */
    public static final List<Table> ALL = List.of(DISTROS, DATACENTERS, BITLENGTHS, SPEEDS, PURPOSES, TRUSTLEVELS,
            TAC_TEMPLATES, POOLS, ENVIRONMENTS, ROLES, MASTERS, SLAVES);

    private Tables() {
    }

    public static Optional<Table> named(String name) {
        return ALL.stream().filter(table -> table.name().equals(name)).findFirst();
    }

    private static Table lookup(String name, String idColumn) {
        return new Table(name, List.of(id(idColumn), name("name")));
    }
}
