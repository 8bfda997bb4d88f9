package org.relops.model.event;

/** dns-service removed a machine's address records. */
@EventType("dns.record.removed")
public record DnsRecordRemoved(String requestId, String hostname, String fqdn) implements RelopsEvent {
}
