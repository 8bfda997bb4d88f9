package org.relops.dns.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.relops.dns.ZoneJournalEntry;
import org.relops.dns.config.DnsConfig;
import org.relops.dns.server.ZoneDiff;
import org.relops.dns.server.ZoneJournal;
import org.relops.dns.zone.ZoneNames;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import io.quarkus.scheduler.Scheduled;

/** The zones' change journal, read for IXFR and pruned to the configured number of serials per zone. */
@ApplicationScoped
public class JournalReader implements ZoneJournal {

    @Inject
    EntityManager entityManager;

    @Inject
    DnsConfig config;

    @Inject
    ZoneNames names;

    @Override
    @Transactional
    public Optional<List<ZoneDiff>> diffs(Name zone, long fromSerial, long toSerial) {
        List<ZoneJournalEntry> entries = ZoneJournalEntry.list(
                "zone = ?1 and serial > ?2 and serial <= ?3 order by serial, id", ZoneNames.text(zone), fromSerial,
                toSerial);
        List<ZoneDiff> diffs = new ArrayList<>();
        long at = fromSerial;
        int i = 0;
        while (i < entries.size()) {
            ZoneJournalEntry first = entries.get(i);
            if (first.previousSerial != at) {
                return Optional.empty();
            }
            List<Record> removed = new ArrayList<>();
            List<Record> added = new ArrayList<>();
            for (; i < entries.size() && entries.get(i).serial == first.serial; i++) {
                ZoneJournalEntry entry = entries.get(i);
                (entry.added ? added : removed).add(entry.record().toRecord());
            }
            diffs.add(new ZoneDiff(first.previousSerial, first.serial, removed, added));
            at = first.serial;
        }
        return at == toSerial && !diffs.isEmpty() ? Optional.of(diffs) : Optional.empty();
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void prune() {
        for (Name zone : names.all()) {
            entityManager.createNativeQuery("""
                    delete from dns_zone_journal where zone = :zone and serial < (
                        select coalesce(min(serial), 0) from (
                            select distinct serial from dns_zone_journal where zone = :zone
                            order by serial desc limit :keep) as kept)""")
                    .setParameter("zone", ZoneNames.text(zone))
                    .setParameter("keep", config.transfer().journalSerials())
                    .executeUpdate();
        }
    }
}
