package org.relops.dns.rest;

import org.relops.dns.DnsRecord;
import org.relops.dns.service.RecordOwner;
import org.relops.dns.zone.ZoneNames;

/**
 * A record as the API shows it: fully qualified name (no trailing dot), type, TTL, rdata, who owns it, and
 * whether it belongs to a service name from configuration (which only configuration changes).
 */
public record RecordView(String name, String zone, String type, int ttl, String data, String owner,
        boolean serviceName) {

    static RecordView of(DnsRecord row) {
        return new RecordView(ZoneNames.fqdn(ZoneNames.absolute(row.name)),
                ZoneNames.fqdn(ZoneNames.absolute(row.zone)), row.type, row.ttl, row.data, row.owner,
                RecordOwner.isService(row.owner));
    }
}
