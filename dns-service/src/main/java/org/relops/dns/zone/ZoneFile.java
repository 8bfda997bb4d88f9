package org.relops.dns.zone;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/** Zones in BIND master-file format (RFC 1035 section 5): written for export, read to serve a file. */
public final class ZoneFile {

    private ZoneFile() {
    }

    /** The zone as a master file that {@code named-checkzone} accepts: $ORIGIN, $TTL, then every record. */
    public static String write(ZoneSnapshot zone) {
        StringBuilder text = new StringBuilder();
        text.append("; zone ").append(ZoneNames.fqdn(zone.origin())).append(", serial ").append(zone.serial())
                .append('\n');
        text.append("$ORIGIN ").append(ZoneNames.text(zone.origin())).append('\n');
        text.append("$TTL ").append(zone.soa().getTTL()).append('\n');
        for (Record record : zone.records()) {
            text.append(RecordData.of(record).masterLine()).append('\n');
        }
        return text.toString();
    }

    /** Reads a master file; it must hold exactly one SOA, at the origin. */
    public static ZoneSnapshot read(Name origin, String text) throws IOException {
        SOARecord soa = null;
        List<Record> records = new ArrayList<>();
        try (Master master = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), origin)) {
            master.disableIncludes();
            for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
                if (record instanceof SOARecord found) {
                    if (soa != null || !found.getName().equals(origin)) {
                        throw new IOException("zone " + origin + " must have exactly one SOA, at its origin");
                    }
                    soa = found;
                } else {
                    records.add(record);
                }
            }
        }
        if (soa == null) {
            throw new IOException("zone " + origin + " has no SOA");
        }
        return ZoneSnapshot.of(soa, records);
    }
}
