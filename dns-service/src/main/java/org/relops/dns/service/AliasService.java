package org.relops.dns.service;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.relops.dns.DnsRecord;
import org.relops.dns.config.DnsConfig;
import org.relops.dns.zone.RecordData;
import org.relops.dns.zone.ZoneNames;
import org.relops.model.value.Hostname;
import org.relops.support.audit.AuditTrail;
import org.xbill.DNS.Name;

/**
 * Service aliases: names of the environment that stand for a service rather than a machine, managed
 * through the API. An alias is a CNAME to a target, or one or more addresses; it owns its name alone.
 */
@ApplicationScoped
public class AliasService {

    private static final int MAX_TTL = 604_800;
    /** BIND secondaries refuse an RRset larger than this (its default max-records-per-type). */
    private static final int MAX_ADDRESSES = 100;

    @Inject
    ZoneNames names;

    @Inject
    ZoneWriter writer;

    @Inject
    DnsConfig config;

    @Inject
    AuditTrail audit;

    @Transactional
    public List<Alias> listAliases() {
        Map<String, List<DnsRecord>> byName = new LinkedHashMap<>();
        DnsRecord.<DnsRecord>list("owner like 'alias:%' order by name, type, data")
                .forEach(row -> byName.computeIfAbsent(row.owner, owner -> new ArrayList<>()).add(row));
        return byName.values().stream().map(this::toAlias).sorted(Comparator.comparing(Alias::name)).toList();
    }

    @Transactional
    public Optional<Alias> findAlias(String name) {
        List<DnsRecord> rows = DnsRecord.listByOwner(RecordOwner.alias(label(name).value()));
        return rows.isEmpty() ? Optional.empty() : Optional.of(toAlias(rows));
    }

    /**
     * Makes the alias point where the spec says, creating it if needed. {@link IllegalArgumentException}
     * for an invalid spec, {@link NameTakenException} when a machine or another record owns the name.
     */
    @Transactional
    public AliasWrite putAlias(String name, AliasSpec spec) {
        Hostname label = label(name);
        Name fqdn = names.inForwardZone(label);
        String owner = RecordOwner.alias(label.value());
        List<RecordData> wanted = wantedRecords(fqdn, spec);
        ZoneEdit edit = writer.begin();
        List<DnsRecord> atName = DnsRecord.listByName(ZoneNames.text(fqdn));
        atName.stream().filter(row -> !row.owner.equals(owner)).findFirst().ifPresent(row -> {
            throw new NameTakenException(ZoneNames.fqdn(fqdn) + (RecordOwner.isService(row.owner)
                    ? " is a service name from configuration (relops.dns.zone.service-names)"
                    : " already has records of " + row.owner));
        });
        boolean created = atName.isEmpty();
        for (DnsRecord row : atName) {
            if (!wanted.contains(row.record())) {
                edit.remove(row);
            }
        }
        wanted.forEach(record -> edit.add(record, owner));
        writer.commit(edit, ChangeCause.of("alias " + label + (created ? " created" : " changed")));
        audit.record("alias/" + label.value(), created ? "created" : "changed", wanted.stream()
                .map(record -> record.type() + " " + record.data()).collect(java.util.stream.Collectors.joining(", ")));
        return new AliasWrite(toAlias(DnsRecord.listByOwner(owner)), created);
    }

    /** Removes the alias; {@code false} if there was none. */
    @Transactional
    public boolean deleteAlias(String name) {
        Hostname label = label(name);
        ZoneEdit edit = writer.begin();
        List<DnsRecord> rows = DnsRecord.listByOwner(RecordOwner.alias(label.value()));
        rows.forEach(edit::remove);
        writer.commit(edit, ChangeCause.of("alias " + label + " deleted"));
        if (!rows.isEmpty()) {
            audit.record("alias/" + label.value(), "deleted", null);
        }
        return !rows.isEmpty();
    }

    private List<RecordData> wantedRecords(Name fqdn, AliasSpec spec) {
        boolean hasTarget = spec.target() != null && !spec.target().isBlank();
        boolean hasAddresses = spec.addresses() != null && !spec.addresses().isEmpty();
        if (hasTarget == hasAddresses) {
            throw new IllegalArgumentException("give either 'target' (a name, for a CNAME) or 'addresses' "
                    + "(for A/AAAA records), not both or neither");
        }
        int ttl = spec.ttl() == null ? config.ttl() : spec.ttl();
        if (ttl < 0 || ttl > MAX_TTL) {
            throw new IllegalArgumentException("ttl must be between 0 and " + MAX_TTL + " seconds");
        }
        String owner = ZoneNames.text(fqdn);
        if (hasTarget) {
            Name target = names.resolve(spec.target());
            if (target.equals(fqdn)) {
                throw new IllegalArgumentException("an alias cannot point at itself");
            }
            return List.of(new RecordData(owner, "CNAME", ttl, ZoneNames.text(target)));
        }
        if (spec.addresses().size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("an alias has at most " + MAX_ADDRESSES + " addresses");
        }
        List<RecordData> records = new ArrayList<>();
        for (String address : spec.addresses()) {
            InetAddress parsed = MachineRecords.parseAddress(address);
            RecordData record = new RecordData(owner, parsed.getAddress().length == 4 ? "A" : "AAAA", ttl,
                    parsed.getHostAddress()).canonical();
            if (!records.contains(record)) {
                records.add(record);
            }
        }
        return records;
    }

    private Alias toAlias(List<DnsRecord> rows) {
        DnsRecord first = rows.get(0);
        String name = first.owner.substring(first.owner.indexOf(':') + 1);
        String fqdn = ZoneNames.fqdn(ZoneNames.absolute(first.name));
        if (first.type.equals("CNAME")) {
            return new Alias(name, fqdn, "CNAME", ZoneNames.fqdn(ZoneNames.absolute(first.data)), List.of(), first.ttl);
        }
        String type = rows.stream().allMatch(row -> row.type.equals(first.type)) ? first.type : "A/AAAA";
        return new Alias(name, fqdn, type, null, rows.stream().map(row -> row.data).toList(), first.ttl);
    }

    private static Hostname label(String name) {
        return new Hostname(name);
    }

    /** What an alias should be: a target name, or addresses; and a TTL (the service's default if null). */
    public record AliasSpec(String target, List<String> addresses, Integer ttl) {
    }

    /** The alias after a write, and whether the write created it. */
    public record AliasWrite(Alias alias, boolean created) {
    }
}
