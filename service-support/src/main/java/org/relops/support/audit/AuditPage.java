package org.relops.support.audit;

import java.time.OffsetDateTime;
import java.util.List;

/** A page of the audit trail, newest first, and how many entries match in all. */
public record AuditPage(List<Item> items, long total) {

    /** One entry as the API shows it. */
    public record Item(OffsetDateTime at, String actor, String subject, String action, String detail) {

        static Item of(AuditEntry entry) {
            return new Item(entry.at, entry.actor, entry.subject, entry.action, entry.detail);
        }
    }
}
