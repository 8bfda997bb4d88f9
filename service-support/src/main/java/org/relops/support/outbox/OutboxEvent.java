package org.relops.support.outbox;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One event waiting in (or already relayed from) the outbox. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "event_id", nullable = false, unique = true)
    public String eventId;

    @Column(nullable = false)
    public String type;

    /** The encoded CloudEvents envelope, published byte for byte. */
    @Column(nullable = false, columnDefinition = "text")
    public String envelope;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    public static long countPending() {
        return count("publishedAt is null");
    }

    /** When the oldest event still waiting to be published was written, if one waits. */
    public static java.util.Optional<OffsetDateTime> oldestPendingAt() {
        return java.util.Optional.ofNullable(getEntityManager()
                .createQuery("select min(e.createdAt) from OutboxEvent e where e.publishedAt is null", OffsetDateTime.class)
                .getSingleResult());
    }
}
