package org.relops.dns.service;

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
 * {@code update:<key>}) and moves the serial on like any other change.
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
        for (Record record : change.removed()) {
            RecordData data = RecordData.of(record);
            DnsRecord.listByName(data.name()).stream()
                    .filter(row -> row.type.equals(data.type()) && row.record().toRecord().equals(record))
                    .forEach(edit::remove);
        }
        for (Record record : change.added()) {
            edit.add(RecordData.of(record), RecordOwner.update(key));
        }
        writer.commit(edit, ChangeCause.of("dynamic update signed by " + key));
        LOG.infof("dynamic update of %s signed by %s: %d added, %d removed", zone, key, change.added().size(),
                change.removed().size());
        return Rcode.NOERROR;
    }
}
