package org.relops.dns.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.relops.dns.DnsRecord;
import org.relops.dns.config.DnsConfig;
import org.relops.dns.zone.RecordData;
import org.relops.dns.zone.ZoneNames;
import org.relops.model.value.Hostname;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;

/**
 * A machine's records: its address record ({@code A} or {@code AAAA}) at {@code <hostname>.<zone>}, and a
 * {@code PTR} back to that name when its address is in one of the reverse zones. Publishing replaces
 * whatever the machine had before (a replaced machine keeps its name and gets its new address).
 */
@ApplicationScoped
public class MachineRecords {

    @Inject
    ZoneNames names;

    @Inject
    ZoneWriter writer;

    @Inject
    DnsConfig config;

    /** Makes the machine's records exactly these; returns its fully qualified name. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Name publishMachine(Hostname hostname, InetAddress address, ChangeCause cause) {
        Name fqdn = names.inForwardZone(hostname);
        String owner = RecordOwner.machine(hostname.value());
        ZoneEdit edit = writer.begin();
        requireFree(fqdn);
        List<RecordData> wanted = wantedRecords(fqdn, address);
        for (DnsRecord row : DnsRecord.listByOwner(owner)) {
            if (!wanted.contains(row.record())) {
                edit.remove(row);
            }
        }
        wanted.forEach(record -> edit.add(record, owner));
        writer.commit(edit, cause);
        return fqdn;
    }

    /** Removes every record of the machine; nothing to remove is not an error. Returns its fully qualified name. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Name removeMachine(Hostname hostname, ChangeCause cause) {
        ZoneEdit edit = writer.begin();
        DnsRecord.listByOwner(RecordOwner.machine(hostname.value())).forEach(edit::remove);
        writer.commit(edit, cause);
        return names.inForwardZone(hostname);
    }

    private static void requireFree(Name fqdn) {
        for (DnsRecord row : DnsRecord.listByName(ZoneNames.text(fqdn))) {
            if (RecordOwner.isService(row.owner)) {
                throw new NameTakenException(ZoneNames.fqdn(fqdn) + " is a service name of the environment "
                        + "(relops.dns.zone.service-names); a machine cannot take its name");
            }
            if (RecordOwner.isAlias(row.owner)) {
                throw new NameTakenException(ZoneNames.fqdn(fqdn)
                        + " is a service alias; a machine cannot take its name");
            }
        }
    }

    /** Parses an IP address literal (never a name: no lookup happens). */
    public static InetAddress parseAddress(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("address is empty");
        }
        try {
            return Address.getByAddress(address.trim());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IPv4 or IPv6 address");
        }
    }

    private List<RecordData> wantedRecords(Name fqdn, InetAddress address) {
        List<RecordData> wanted = new ArrayList<>();
        String type = address.getAddress().length == 4 ? "A" : "AAAA";
        wanted.add(new RecordData(ZoneNames.text(fqdn), type, config.ttl(), address.getHostAddress()).canonical());
        names.reverseNameOf(address).ifPresent(reverse -> wanted.add(
                new RecordData(ZoneNames.text(reverse), "PTR", config.ttl(), ZoneNames.text(fqdn))));
        return wanted;
    }
}
