package org.relops.dns.service;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.dns.DnsRecord;
import org.relops.dns.server.UpdatePlan;
import org.relops.dns.server.UpdateRefusedException;
import org.relops.dns.server.ZoneUpdater;
import org.relops.dns.zone.RecordData;
import org.relops.dns.zone.ZoneNames;
import org.relops.dns.zone.ZoneSnapshot;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * Applies verified RFC 2136 updates to the stored zone: under the zones' lock, checks the update against
 * the zone as it is now, then adds and removes the rows it changes (added records are owned by
 * {@code update:<key>}) and moves the serial on like any other change. An update that would change a
 * service name (remove its records, add beside its address) is refused: service names come from configuration.
 */
@ApplicationScoped
public class DynamicUpdates implements ZoneUpdater {

    private static final Logger LOG = Logger.getLogger(DynamicUpdates.class);

    @Inject
    ZoneWriter writer;

    @Inject
    ZoneLoader loader;

    @Override
    @Transactional
    public int update(Name zone, Message update, Name keyName) {
        ZoneEdit edit = writer.begin();
        ZoneSnapshot current = loader.loadZone(zone).orElse(null);
        if (current == null) {
            return Rcode.NOTAUTH;
        }
        UpdatePlan.Change change;
        try {
            change = UpdatePlan.plan(update, current);
        } catch (UpdateRefusedException e) {
            LOG.infof("dynamic update of %s signed by %s refused: %s", zone, keyName, e.getMessage());
            return e.rcode();
        }
        String key = ZoneNames.fqdn(keyName);
        List<DnsRecord> removed = change.removed().stream().flatMap(record -> storedRows(record).stream()).toList();
        Optional<String> serviceName = Stream.concat(removed.stream().filter(row -> RecordOwner.isService(row.owner)),
                        change.added().stream().flatMap(record -> serviceRowsAt(record.getName()).stream()))
                .map(row -> RecordOwner.nameOf(row.owner)).findFirst();
        if (serviceName.isPresent()) {
            LOG.infof("dynamic update of %s signed by %s refused: it would change the service name %s, which only "
                    + "relops.dns.zone.service-names changes", zone, key, serviceName.get());
            return Rcode.REFUSED;
        }
        removed.forEach(edit::remove);
        for (Record record : change.added()) {
            edit.add(RecordData.of(record), RecordOwner.update(key));
        }
        writer.commit(edit, ChangeCause.of("dynamic update signed by " + key));
        LOG.infof("dynamic update of %s signed by %s: %d added, %d removed", zone, key, change.added().size(),
                change.removed().size());
        return Rcode.NOERROR;
    }

    /** The records a service name holds at its own name (not its PTRs, beside which other PTRs may go). */
    private static List<DnsRecord> serviceRowsAt(Name name) {
        return DnsRecord.listByName(ZoneNames.text(name)).stream()
                .filter(row -> RecordOwner.isService(row.owner) && row.type.equals("A")).toList();
    }

    private static List<DnsRecord> storedRows(Record record) {
        RecordData data = RecordData.of(record);
        return DnsRecord.listByName(data.name()).stream()
                .filter(row -> row.type.equals(data.type()) && row.record().toRecord().equals(record)).toList();
    }
}
