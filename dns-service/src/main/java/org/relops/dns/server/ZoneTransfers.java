package org.relops.dns.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.relops.dns.zone.ZoneSnapshot;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Serial;
import org.xbill.DNS.TSIG;

/**
 * Zone transfers over TCP: AXFR (the whole zone, RFC 5936) and IXFR (the changes since the client's
 * serial, RFC 1995, from the {@link ZoneJournal}; the whole zone when the journal cannot say). The
 * answer is streamed in messages of at most {@value #MESSAGE_BYTES} bytes, each TSIG-signed when the
 * request was.
 */
final class ZoneTransfers {

    private static final int MESSAGE_BYTES = 16_000;

    private final ZoneJournal journal;

    ZoneTransfers(ZoneJournal journal) {
        this.journal = journal;
    }

    void axfr(Message query, ZoneSnapshot zone, TSIG key, Consumer<byte[]> out) {
        stream(query, wholeZone(zone), key, out);
    }

    /** Streams the answer to an IXFR; says which kind of answer it was, for the log. */
    String ixfr(Message query, ZoneSnapshot zone, TSIG key, Consumer<byte[]> out) {
        Optional<SOARecord> clientSoa = clientSoa(query);
        if (clientSoa.isEmpty()) {
            stream(query, wholeZone(zone), key, out);
            return "the whole zone (no client serial)";
        }
        long clientSerial = clientSoa.get().getSerial();
        if (Serial.compare(clientSerial, zone.serial()) >= 0) {
            stream(query, List.of(zone.soa()), key, out);
            return "up to date";
        }
        Optional<List<ZoneDiff>> diffs = journal.diffs(zone.origin(), clientSerial, zone.serial());
        if (diffs.isEmpty()) {
            stream(query, wholeZone(zone), key, out);
            return "the whole zone (serial " + clientSerial + " is not in the journal)";
        }
        stream(query, incremental(zone, diffs.get()), key, out);
        return "incremental from serial " + clientSerial + " (" + diffs.get().size() + " changes)";
    }

    /** The only answer an IXFR over UDP gets here: the current SOA, which tells the client to come over TCP. */
    static void currentSoaOnly(ZoneSnapshot zone, Message response) {
        response.addRecord(zone.soa(), Section.ANSWER);
    }

    static Optional<SOARecord> clientSoa(Message query) {
        return query.getSection(Section.AUTHORITY).stream()
                .filter(SOARecord.class::isInstance).map(SOARecord.class::cast).findFirst();
    }

    private static List<Record> wholeZone(ZoneSnapshot zone) {
        List<Record> records = new ArrayList<>(zone.records());
        records.add(zone.soa());
        return records;
    }

    private static List<Record> incremental(ZoneSnapshot zone, List<ZoneDiff> diffs) {
        List<Record> records = new ArrayList<>();
        records.add(zone.soa());
        for (ZoneDiff diff : diffs) {
            records.add(zone.soaAt(diff.fromSerial()));
            records.addAll(diff.removed());
            records.add(zone.soaAt(diff.toSerial()));
            records.addAll(diff.added());
        }
        records.add(zone.soa());
        return records;
    }

    private static void stream(Message query, List<Record> records, TSIG key, Consumer<byte[]> out) {
        TSIG.StreamGenerator signer = key == null ? null : new TSIG.StreamGenerator(key, query.getTSIG());
        Message message = start(query, true);
        int size = 0;
        for (Record record : records) {
            int length = record.toWire(Section.ANSWER).length;
            if (size > 0 && size + length > MESSAGE_BYTES) {
                send(message, signer, out);
                message = start(query, false);
                size = 0;
            }
            message.addRecord(record, Section.ANSWER);
            size += length;
        }
        send(message, signer, out);
    }

    private static Message start(Message query, boolean first) {
        Message message = new Message(query.getHeader().getID());
        message.getHeader().setFlag(Flags.QR);
        message.getHeader().setFlag(Flags.AA);
        if (first) {
            message.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return message;
    }

    private static void send(Message message, TSIG.StreamGenerator signer, Consumer<byte[]> out) {
        if (signer != null) {
            signer.generate(message);
        }
        out.accept(message.toWire());
    }
}
