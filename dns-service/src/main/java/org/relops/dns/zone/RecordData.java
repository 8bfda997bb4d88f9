package org.relops.dns.zone;

import java.io.IOException;
import java.util.Locale;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A resource record as it is stored and shown: absolute lower-case owner name, type mnemonic, TTL and
 * rdata in master-file presentation form. Converts to and from dnsjava's records.
 */
public record RecordData(String name, String type, int ttl, String data) {

    public static RecordData of(Record record) {
        return new RecordData(ZoneNames.text(record.getName()), Type.string(record.getType()),
                (int) record.getTTL(), record.rdataToString());
    }

    /** Parses the rdata; throws {@link IllegalArgumentException} when it is not valid for the type. */
    public Record toRecord() {
        int typeCode = Type.value(type);
        if (typeCode < 0) {
            throw new IllegalArgumentException("unknown record type '" + type + "'");
        }
        try {
            return Record.fromString(ZoneNames.absolute(name), typeCode, DClass.IN, ttl, data, Name.root);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("invalid " + type.toUpperCase(Locale.ROOT) + " data '" + data + "': "
                    + e.getMessage());
        }
    }

    /** The same record with its name and rdata in the form dnsjava prints them (so equal records compare equal). */
    public RecordData canonical() {
        return of(toRecord());
    }

    /** The record as one master-file line: {@code name ttl IN type rdata}. */
    public String masterLine() {
        return name + "\t" + ttl + "\tIN\t" + type + "\t" + data;
    }
}
