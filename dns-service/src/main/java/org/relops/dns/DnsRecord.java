package org.relops.dns;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.relops.dns.zone.RecordData;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * One resource record of a zone, with who put it there ({@code machine:<host>}, {@code alias:<name>},
 * {@code service:<name>}, {@code update:<key>}).
 */
@Entity
@Table(name = "dns_record")
public class DnsRecord extends RecordRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The zone's name, absolute with the trailing dot. */
    @Column(nullable = false)
    public String zone;

    @Column(nullable = false)
    public String owner;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public static DnsRecord of(String zone, RecordData record, String owner) {
        DnsRecord row = new DnsRecord();
        row.zone = zone;
        row.setRecord(record);
        row.owner = owner;
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return row;
    }

    public static List<DnsRecord> listByZone(String zone) {
        return list("zone", zone);
    }

    public static List<DnsRecord> listByOwner(String owner) {
        return list("owner = ?1 order by zone, name, type, data", owner);
    }

    public static List<DnsRecord> listByName(String name) {
        return findByName(name).list();
    }

    /** The records at one name, by type, then data. */
    public static PanacheQuery<DnsRecord> findByName(String name) {
        return find("name = ?1 order by type, data", name);
    }

    public static Optional<DnsRecord> findSame(String zone, RecordData record) {
        return find("zone = ?1 and name = ?2 and type = ?3 and data = ?4", zone, record.name(), record.type(),
                record.data()).firstResultOptional();
    }
}
