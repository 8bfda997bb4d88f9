package org.relops.model.event;

/** dns-service published a machine's address records in its environment's zone. */
@EventType("dns.record.published")
public record DnsRecordPublished(String requestId, String hostname, String fqdn, String address)
        implements RelopsEvent {
}
