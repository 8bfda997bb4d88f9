package org.relops.support.audit;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One change made through the API: who made it, when, to what, and why (the detail). */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(nullable = false)
    public OffsetDateTime at;

    @Column(nullable = false)
    public String actor;

    /** What was changed, as a path: {@code image/releng-talos-linux64/versions/3}, {@code system/qemu-scl3-01}. */
    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String action;

    @Column(columnDefinition = "text")
    public String detail;
}
