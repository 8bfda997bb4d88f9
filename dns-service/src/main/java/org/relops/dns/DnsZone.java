package org.relops.dns;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A zone this service is authoritative for, and its SOA serial. Locking its row serialises changes to it. */
@Entity
@Table(name = "dns_zone")
public class DnsZone extends PanacheEntityBase {

    /** Absolute, lower-case, with the trailing dot: {@code staging.relops.example.}. */
    @Id
    public String name;

    @Column(nullable = false)
    public long serial;

    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;

    /** Locks the zones in a fixed order, so that two writers never wait on each other in a circle. */
    public static List<DnsZone> lockAll(List<String> names) {
        return names.stream().sorted()
                .map(name -> DnsZone.<DnsZone>findByIdOptional(name, LockModeType.PESSIMISTIC_WRITE)
                        .orElseThrow(() -> new IllegalStateException("zone " + name + " is not set up")))
                .toList();
    }

    /** Moves the serial on: by one, or to the current time in seconds if that is larger. */
    public long advanceSerial() {
        long now = System.currentTimeMillis() / 1000;
        serial = Math.max(serial + 1, now);
        changedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return serial;
    }
}
