package org.relops.dns.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * DNS packets no resolver would send, from one seeded random: random bytes, valid queries cut short or with
 * bytes flipped, header counts and flags that lie, label lengths that overrun, compression pointers that
 * loop, names of too many labels, and EDNS OPT records full of garbage.
 */
final class DnsPacketMutations {

    private static final int HEADER = 12;
    private static final List<String> NAMES = List.of("test.relops.example.", "ns1.test.relops.example.",
            "slavealloc.test.relops.example.", "nowhere.test.relops.example.", "10.in-addr.arpa.", "example.com.", ".");
    private static final int[] TYPES = { Type.A, Type.AAAA, Type.SOA, Type.NS, Type.PTR, Type.ANY, Type.TXT, Type.AXFR,
        Type.IXFR, Type.CNAME, Type.MX, Type.SRV, Type.OPT, Type.TSIG, 0, 65_535 };

    private final Random random;

    DnsPacketMutations(Random random) {
        this.random = random;
    }

    /** The next hostile packet. */
    byte[] next() {
        return switch (random.nextInt(10)) {
            case 0 -> randomBytes(random.nextInt(600));
            case 1 -> truncated();
            case 2 -> flipped();
            case 3 -> lyingCounts();
            case 4 -> overrunLabel();
            case 5 -> pointerLoop();
            case 6 -> tooManyLabels();
            case 7 -> ednsGarbage();
            case 8 -> oddHeader();
            default -> randomBytes(512 + random.nextInt(3_500));
        };
    }

    /** A query of a random name, type and class: well-formed, but not necessarily one the server serves. */
    byte[] query() {
        try {
            Name name = Name.fromString(NAMES.get(random.nextInt(NAMES.size())));
            int type = random.nextInt(4) == 0 ? random.nextInt(65_536) : TYPES[random.nextInt(TYPES.length)];
            int dclass = random.nextInt(5) == 0 ? random.nextInt(65_536) : DClass.IN;
            Message query = Message.newQuery(Record.newRecord(name, type, dclass));
            query.getHeader().setID(random.nextInt(65_536));
            return query.toWire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            return randomBytes(HEADER + 5);
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] truncated() {
        byte[] query = query();
        return Arrays.copyOf(query, random.nextInt(query.length));
    }

    private byte[] flipped() {
        byte[] query = query();
        for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
            query[random.nextInt(query.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return query;
    }

    private byte[] lyingCounts() {
        ByteBuffer packet = ByteBuffer.wrap(query());
        int[] counts = { 0, 1, 2, 255, 0x7FFF, 0xFFFF, random.nextInt(65_536) };
        for (int field = 4; field < HEADER; field += 2) {
            if (random.nextBoolean()) {
                packet.putShort(field, (short) counts[random.nextInt(counts.length)]);
            }
        }
        return packet.array();
    }

    private byte[] overrunLabel() {
        byte[] query = query();
        if (query.length > HEADER) {
            query[HEADER] = (byte) (63 + random.nextInt(193));
        }
        return query;
    }

    /** A question name that is a pointer to itself, or two pointers pointing at each other. */
    private byte[] pointerLoop() {
        ByteBuffer packet = ByteBuffer.allocate(HEADER + 8);
        packet.putShort((short) random.nextInt(65_536)).putShort((short) 0x0100).putShort((short) 1)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0);
        if (random.nextBoolean()) {
            packet.put((byte) 0xC0).put((byte) HEADER);
        } else {
            packet.put((byte) 0xC0).put((byte) (HEADER + 2)).put((byte) 0xC0).put((byte) HEADER);
        }
        packet.putShort((short) Type.A).putShort((short) DClass.IN);
        return Arrays.copyOf(packet.array(), packet.position());
    }

    /** A name of hundreds of one-byte labels, past the 255 bytes a name may have. */
    private byte[] tooManyLabels() {
        int labels = 100 + random.nextInt(400);
        ByteBuffer packet = ByteBuffer.allocate(HEADER + labels * 2 + 5);
        packet.putShort((short) random.nextInt(65_536)).putShort((short) 0x0100).putShort((short) 1)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0);
        for (int i = 0; i < labels; i++) {
            packet.put((byte) 1).put((byte) 'a');
        }
        packet.put((byte) 0).putShort((short) Type.A).putShort((short) DClass.IN);
        return packet.array();
    }

    /** A query with an OPT record of random version, flags, payload size and options (lengths that lie too). */
    private byte[] ednsGarbage() {
        try {
            Message query = Message.newQuery(Record.newRecord(Name.fromString(NAMES.get(0)), Type.SOA, DClass.IN));
            List<EDNSOption> options = List.of(new GenericEDNSOption(random.nextInt(65_536),
                    randomBytes(random.nextInt(64))));
            for (int opts = 1 + random.nextInt(2); opts > 0; opts--) {
                query.addRecord(new OPTRecord(random.nextInt(65_536), random.nextInt(256), random.nextInt(256),
                        random.nextInt(65_536), options), Section.ADDITIONAL);
            }
            byte[] wire = query.toWire();
            if (random.nextBoolean()) {
                // The last option's length now claims more (or less) than is there.
                ByteBuffer.wrap(wire).putShort(wire.length - options.get(0).toWire().length + 2,
                        (short) random.nextInt(65_536));
            }
            return wire;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A query whose flags say odd things: a response, any opcode, any rcode, the reserved bit. */
    private byte[] oddHeader() {
        byte[] query = query();
        query[2] = (byte) random.nextInt(256);
        query[3] = (byte) random.nextInt(256);
        return query;
    }
}
