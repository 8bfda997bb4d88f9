package org.relops.dns.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.relops.dns.DnsZone;
import org.relops.dns.ZoneJournalEntry;
import org.relops.dns.zone.RecordData;
import org.relops.dns.zone.ZoneNames;
import org.relops.model.event.DnsZoneChanged;
import org.relops.support.outbox.EventOutbox;

/**
 * The one way the zones change. An edit locks every zone of the environment (so changes to them are
 * serialised across replicas); committing it moves the serial of each zone it changed, journals the
 * change for IXFR and emits {@code dns.zone.changed}, all in the caller's transaction. Once that
 * transaction commits, {@link ZonesChanged} tells the DNS server to serve the new versions.
 */
@ApplicationScoped
public class ZoneWriter {

    @Inject
    ZoneNames names;

    @Inject
    EventOutbox outbox;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Event<ZonesChanged> zonesChanged;

    @Transactional(Transactional.TxType.MANDATORY)
    public ZoneEdit begin() {
        return new ZoneEdit(names, DnsZone.lockAll(names.all().stream().map(ZoneNames::text).toList()));
    }

    /** Moves the serial of every zone the edit changed; returns the new serials by zone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Long> commit(ZoneEdit edit, ChangeCause cause) {
        Map<String, Long> serials = new LinkedHashMap<>();
        for (DnsZone zone : edit.zones().values()) {
            if (!edit.changed(zone.name)) {
                continue;
            }
            long previous = zone.serial;
            long serial = zone.advanceSerial();
            List<RecordData> added = edit.added(zone.name);
            List<RecordData> removed = edit.removed(zone.name);
            removed.forEach(record -> ZoneJournalEntry.of(zone.name, previous, serial, false, record).persist());
            added.forEach(record -> ZoneJournalEntry.of(zone.name, previous, serial, true, record).persist());
            DnsZoneChanged event = new DnsZoneChanged(cause.requestId(), ZoneNames.fqdn(ZoneNames.absolute(zone.name)),
                    serial, cause.description(), lines(added), lines(removed));
            if (cause.event() != null) {
                outbox.emit(event, cause.event());
            } else {
                outbox.emit(event);
            }
            serials.put(zone.name, serial);
        }
        if (!serials.isEmpty()) {
            transactions.registerInterposedSynchronization(new AnnounceOnCommit(new ZonesChanged(Set.copyOf(serials.keySet()))));
        }
        return serials;
    }

    private static List<String> lines(List<RecordData> records) {
        return records.stream().map(RecordData::masterLine).toList();
    }

    private final class AnnounceOnCommit implements Synchronization {

        private final ZonesChanged change;

        AnnounceOnCommit(ZonesChanged change) {
            this.change = change;
        }

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                zonesChanged.fire(change);
            }
        }
    }
}
