package org.relops.dns.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.dns.DnsRecord;
import org.relops.dns.DnsZone;
import org.relops.dns.zone.ZoneApex;
import org.relops.dns.zone.ZoneNames;
import org.relops.dns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** Reads a zone's current version from the database: its serial, its records, its apex from configuration. */
@ApplicationScoped
public class ZoneLoader {

    private static final Logger LOG = Logger.getLogger(ZoneLoader.class);

    @Inject
    ZoneNames names;

    @Inject
    ZoneApex apex;

    @Transactional
    public Optional<ZoneSnapshot> loadZone(Name zone) {
        return DnsZone.<DnsZone>findByIdOptional(ZoneNames.text(zone)).map(row -> {
            List<Record> records = new ArrayList<>(apex.apexRecords(zone));
            for (DnsRecord stored : DnsRecord.listByZone(row.name)) {
                try {
                    records.add(stored.record().toRecord());
                } catch (IllegalArgumentException e) {
                    LOG.warnf("record %d of %s is unreadable and not served: %s", stored.id, row.name, e.getMessage());
                }
            }
            return ZoneSnapshot.of(apex.soa(zone, row.serial), records);
        });
    }

    /** The current serial of each of the environment's zones, by zone name. */
    @Transactional
    public Map<Name, Long> serials() {
        Map<Name, Long> serials = new LinkedHashMap<>();
        for (DnsZone zone : DnsZone.<DnsZone>listAll()) {
            Name name = ZoneNames.absolute(zone.name);
            if (names.all().contains(name)) {
                serials.put(name, zone.serial);
            }
        }
        return serials;
    }
}
