package org.relops.dns;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.relops.dns.zone.RecordData;

/** One record added to or removed from a zone by the change that made a serial: what IXFR sends. */
@Entity
@Table(name = "dns_zone_journal")
public class ZoneJournalEntry extends RecordRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String zone;

    @Column(nullable = false)
    public long serial;

    @Column(name = "previous_serial", nullable = false)
    public long previousSerial;

    @Column(nullable = false)
    public boolean added;

    public static ZoneJournalEntry of(String zone, long previousSerial, long serial, boolean added, RecordData record) {
        ZoneJournalEntry entry = new ZoneJournalEntry();
        entry.zone = zone;
        entry.previousSerial = previousSerial;
        entry.serial = serial;
        entry.added = added;
        entry.setRecord(record);
        return entry;
    }
}
