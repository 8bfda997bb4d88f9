package org.relops.dns;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import org.relops.dns.zone.RecordData;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The columns that hold one resource record in presentation form, shared by records and journal entries. */
@MappedSuperclass
public abstract class RecordRow extends PanacheEntityBase {

    /** The owner name, absolute, lower-case, with the trailing dot. */
    @Column(nullable = false)
    public String name;

    /** The type mnemonic: A, AAAA, PTR, CNAME, TXT, ... */
    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public int ttl;

    /** The rdata in master-file presentation form; names in it are absolute. */
    @Column(nullable = false, columnDefinition = "text")
    public String data;

    public RecordData record() {
        return new RecordData(name, type, ttl, data);
    }

    protected void setRecord(RecordData record) {
        name = record.name();
        type = record.type();
        ttl = record.ttl();
        data = record.data();
    }
}
