package org.relops.inventory;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * The audit record of one change of a system's state: from what to what, who or what caused it,
 * when and why. Kept by system name, so the history outlives the system's removal.
 */
@Entity
@Table(name = "system_transition")
public class SystemTransition extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "system_name", nullable = false)
    public String systemName;

    /** {@code null} when the system was registered. */
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public SystemState from;

    /** {@code null} when the system was removed from the inventory. */
    @Enumerated(EnumType.STRING)
    @Column(name = "to_state")
    public SystemState to;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String reason;

    @Column(name = "request_id")
    public String requestId;

    public String hostname;

    /** The id of the event that caused the change, if an event did. */
    @Column(name = "cause_event_id")
    public String causeEventId;

    @Column(nullable = false)
    public OffsetDateTime at;

    /** A system's changes, oldest first. */
    public static PanacheQuery<SystemTransition> historyOf(String systemName) {
        return find("systemName = ?1 order by id", systemName);
    }
}
