package org.relops.model.event;

import java.util.List;

/**
 * dns-service changed one of its zones (a machine, an alias, a dynamic update): the zone's new SOA
 * serial and the records added and removed, each in master-file form ({@code name ttl class type rdata}).
 * {@code requestId} is set when the change belongs to a request.
 */
@EventType("dns.zone.changed")
public record DnsZoneChanged(String requestId, String zone, long serial, String cause, List<String> added,
        List<String> removed) implements RelopsEvent {
}
