package org.relops.support.audit;

import java.time.OffsetDateTime;

/** One audit entry as the API shows it. */
public record AuditView(OffsetDateTime at, String actor, String subject, String action, String detail) {

    static AuditView of(AuditEntry entry) {
        return new AuditView(entry.at, entry.actor, entry.subject, entry.action, entry.detail);
    }
}
