package org.relops.dns.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jboss.logging.Logger;
import org.relops.dns.server.ServedZones.Catalogue;
import org.relops.dns.zone.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Turns one DNS request into its response(s), whatever transport it came on. Queries are answered from
 * the served zones (repeated UDP questions straight from the response cache); EDNS0 sets the UDP size
 * limit and larger answers are truncated (TC) so the client retries over TCP; zone transfers go over TCP
 * only, to allowed addresses or TSIG-signed requests; dynamic updates need a valid TSIG signature.
 * A packet that cannot be parsed gets FORMERR if it has a header, and nothing otherwise.
 */
public final class DnsResponder {

    private static final Logger LOG = Logger.getLogger(DnsResponder.class);

    /** The classic UDP limit without EDNS (RFC 1035). */
    private static final int PLAIN_UDP_SIZE = 512;
    private static final int TCP_SIZE = Message.MAXLENGTH;

    private final ServedZones zones;
    private final TsigKeyring keys;
    private final AddressMatcher transferAllowed;
    private final ZoneTransfers transfers;
    private final ZoneUpdater updater;
    private final Executor updates;
    private final int maxUdpPayload;
    private final ServerStats stats;

    /**
     * @param updater applies verified dynamic updates, or null when this server takes none
     * @param updates runs updates that arrive over UDP, off the socket's thread
     */
    public DnsResponder(ServedZones zones, TsigKeyring keys, AddressMatcher transferAllowed, ZoneJournal journal,
            ZoneUpdater updater, Executor updates, int maxUdpPayload, ServerStats stats) {
        this.zones = zones;
        this.keys = keys;
        this.transferAllowed = transferAllowed;
        this.transfers = new ZoneTransfers(journal);
        this.updater = updater;
        this.updates = updates;
        this.maxUdpPayload = Math.max(PLAIN_UDP_SIZE, maxUdpPayload);
        this.stats = stats;
    }

    /**
     * Answers a datagram: the answer to send now, or null when there is none yet (an update: {@code later}
     * gets its answer and the client once applied) or none at all. The answer may be a cached one shared with
     * other threads: the caller must not change it, and sends it with its first two bytes (the message id) set
     * to the query's.
     */
    public byte[] answerDatagram(byte[] packet, int length, InetSocketAddress client,
            BiConsumer<byte[], InetSocketAddress> later) {
        Catalogue catalogue = zones.current();
        byte[] cached = catalogue.cache().answer(packet, length);
        if (cached != null) {
            stats.cached();
            return cached;
        }
        Request request = parse(packet, length, client.getAddress(), false);
        if (request == null) {
            return null;
        }
        if (request.query().getHeader().getOpcode() == Opcode.UPDATE && request.problem() == null) {
            updates.execute(() -> later.accept(render(update(request), request, PLAIN_UDP_SIZE), client));
            return null;
        }
        Message response = respond(request, catalogue, null);
        byte[] wire = render(response, request, udpLimit(request.query()));
        if (request.key() == null && request.problem() == null && response.getHeader().getOpcode() == Opcode.QUERY
                && response.getRcode() != Rcode.SERVFAIL) {
            catalogue.cache().remember(packet, length, wire);
        }
        return wire;
    }

    /** Answers a message that came over TCP: {@code out} gets one response, or several for a zone transfer. */
    public void answerStream(byte[] message, InetAddress client, Consumer<byte[]> out) {
        Request request = parse(message, message.length, client, true);
        if (request == null) {
            return;
        }
        if (request.query().getHeader().getOpcode() == Opcode.UPDATE && request.problem() == null) {
            out.accept(render(update(request), request, TCP_SIZE));
            return;
        }
        Message response = respond(request, zones.current(), out);
        if (response != null) {
            out.accept(render(response, request, TCP_SIZE));
        }
    }

    /** A parsed request; {@code problem} holds a ready error response when it must not be processed further. */
    private record Request(byte[] wire, Message query, InetAddress client, boolean tcp, TSIG key, Message problem) {
    }

    private Request parse(byte[] packet, int length, InetAddress client, boolean tcp) {
        if (length < Header.LENGTH || (packet[2] & 0x80) != 0) {
            stats.dropped();
            return null;
        }
        // A copy: the receive buffer is reused at once, and an update may be answered later.
        byte[] wire = Arrays.copyOf(packet, length);
        Message query;
        try {
            query = complete(new Message(wire));
        } catch (IOException | RuntimeException e) {
            stats.malformed();
            return new Request(wire, formErrQuery(wire), client, tcp, null, formErr(wire));
        }
        TSIGRecord tsig = query.getTSIG();
        if (tsig == null) {
            return new Request(wire, query, client, tcp, null, null);
        }
        Optional<TSIG> key = keys.key(tsig.getName());
        int verified = key.map(k -> k.verify(query, wire, null)).orElse(Rcode.BADKEY);
        if (verified != Rcode.NOERROR) {
            stats.badSignature();
            LOG.debugf("request from %s signed with key %s failed TSIG verification: %s", client, tsig.getName(),
                    Rcode.TSIGstring(verified));
            return new Request(wire, query, client, tcp, null, tsigError(query, tsig, verified));
        }
        return new Request(wire, query, client, tcp, key.get(), null);
    }

    /**
     * The message, if it holds every record its header counts: dnsjava keeps a message with the TC flag whose
     * records stop short, and its sections then are not what the header says (getTSIG fails on one).
     */
    private static Message complete(Message message) throws WireParseException {
        for (int section = Section.QUESTION; section <= Section.ADDITIONAL; section++) {
            if (message.getSection(section).size() != message.getHeader().getCount(section)) {
                throw new WireParseException("section " + Section.string(section) + " holds fewer records than"
                        + " the header counts");
            }
        }
        return message;
    }

    /** The response to a request; null when it was streamed to {@code out} already (a zone transfer). */
    private Message respond(Request request, Catalogue catalogue, Consumer<byte[]> out) {
        if (request.problem() != null) {
            return request.problem();
        }
        Message query = request.query();
        int opcode = query.getHeader().getOpcode();
        if (opcode != Opcode.QUERY) {
            stats.answered(Rcode.NOTIMP);
            return error(query, Rcode.NOTIMP);
        }
        if (query.getHeader().getCount(Section.QUESTION) != 1) {
            stats.answered(Rcode.FORMERR);
            return error(query, Rcode.FORMERR);
        }
        OPTRecord opt = query.getOPT();
        if (opt != null && opt.getVersion() > 0) {
            stats.answered(Rcode.BADVERS);
            return badVersion(query);
        }
        Record question = query.getQuestion();
        int qtype = question.getType();
        if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
            stats.answered(Rcode.REFUSED);
            return error(query, Rcode.REFUSED);
        }
        if (qtype == Type.AXFR || qtype == Type.IXFR) {
            return transfer(request, catalogue, out);
        }
        Message response = newResponse(query);
        QueryResolver.resolve(catalogue, question.getName(), qtype, response);
        stats.answered(response.getRcode());
        return response;
    }

    private Message transfer(Request request, Catalogue catalogue, Consumer<byte[]> out) {
        Message query = request.query();
        Name zoneName = query.getQuestion().getName();
        Optional<ZoneSnapshot> zone = Optional.ofNullable(catalogue.zones().get(zoneName));
        if (zone.isEmpty()) {
            stats.answered(Rcode.NOTAUTH);
            return error(query, Rcode.NOTAUTH);
        }
        if (request.key() == null && !transferAllowed.matches(request.client())) {
            LOG.infof("refused a zone transfer of %s to %s", zoneName, request.client().getHostAddress());
            stats.answered(Rcode.REFUSED);
            return error(query, Rcode.REFUSED);
        }
        boolean ixfr = query.getQuestion().getType() == Type.IXFR;
        if (!request.tcp()) {
            if (!ixfr) {
                stats.answered(Rcode.FORMERR);
                return error(query, Rcode.FORMERR);
            }
            Message response = newResponse(query);
            response.getHeader().setFlag(Flags.AA);
            ZoneTransfers.currentSoaOnly(zone.get(), response);
            stats.answered(Rcode.NOERROR);
            return response;
        }
        String kind = "whole zone";
        if (ixfr) {
            kind = transfers.ixfr(query, zone.get(), request.key(), out);
        } else {
            transfers.axfr(query, zone.get(), request.key(), out);
        }
        stats.transferred();
        LOG.infof("%s of %s serial %d to %s: %s", ixfr ? "IXFR" : "AXFR", zoneName, zone.get().serial(),
                request.client().getHostAddress(), kind);
        return null;
    }

    private Message update(Request request) {
        Message query = request.query();
        if (updater == null) {
            stats.answered(Rcode.NOTIMP);
            return error(query, Rcode.NOTIMP);
        }
        if (request.key() == null) {
            LOG.infof("refused an unsigned dynamic update from %s", request.client().getHostAddress());
            stats.answered(Rcode.REFUSED);
            return error(query, Rcode.REFUSED);
        }
        Record zoneSection = query.getQuestion();
        if (query.getHeader().getCount(Section.ZONE) != 1 || zoneSection.getType() != Type.SOA) {
            stats.answered(Rcode.FORMERR);
            return error(query, Rcode.FORMERR);
        }
        if (zones.zone(zoneSection.getName()).isEmpty()) {
            stats.answered(Rcode.NOTAUTH);
            return error(query, Rcode.NOTAUTH);
        }
        int rcode;
        try {
            rcode = updater.update(zoneSection.getName(), query, query.getTSIG().getName());
        } catch (RuntimeException e) {
            LOG.errorf(e, "dynamic update of %s failed", zoneSection.getName());
            rcode = Rcode.SERVFAIL;
        }
        stats.answered(rcode);
        return error(query, rcode);
    }

    private byte[] render(Message response, Request request, int limit) {
        if (request.key() != null) {
            response.setTSIG(request.key(), Rcode.NOERROR, request.query().getTSIG());
        }
        OPTRecord opt = request.query().getOPT();
        if (opt != null && response.getOPT() == null) {
            response.addRecord(new OPTRecord(maxUdpPayload, 0, 0, 0), Section.ADDITIONAL);
        }
        byte[] wire = response.toWire(limit);
        if ((wire[2] & 0x02) != 0) {
            stats.truncated();
        }
        return wire;
    }

    private int udpLimit(Message query) {
        OPTRecord opt = query.getOPT();
        return opt == null ? PLAIN_UDP_SIZE : Math.max(PLAIN_UDP_SIZE, Math.min(opt.getPayloadSize(), maxUdpPayload));
    }

    private static Message newResponse(Message query) {
        Message response = new Message(query.getHeader().getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        header.setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        if (query.getHeader().getCount(Section.QUESTION) == 1) {
            response.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return response;
    }

    private static Message error(Message query, int rcode) {
        Message response = newResponse(query);
        response.getHeader().setRcode(rcode);
        return response;
    }

    private Message badVersion(Message query) {
        Message response = newResponse(query);
        response.addRecord(new OPTRecord(maxUdpPayload, Rcode.BADVERS >> 4, 0, 0), Section.ADDITIONAL);
        return response;
    }

    /** RFC 8945 5.3.2: an unverifiable request gets NOTAUTH with the TSIG error, unsigned. */
    private static Message tsigError(Message query, TSIGRecord tsig, int error) {
        Message response = error(query, Rcode.NOTAUTH);
        response.addRecord(new TSIGRecord(tsig.getName(), DClass.ANY, 0, tsig.getAlgorithm(), Instant.now(),
                tsig.getFudge(), new byte[0], query.getHeader().getID(), error, null), Section.ADDITIONAL);
        return response;
    }

    /** A stand-in query carrying only the header of a packet that could not be parsed. */
    private static Message formErrQuery(byte[] wire) {
        Message stub = new Message(((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF));
        stub.getHeader().setOpcode((wire[2] >> 3) & 0x0F);
        if ((wire[2] & 0x01) != 0) {
            stub.getHeader().setFlag(Flags.RD);
        }
        return stub;
    }

    private static Message formErr(byte[] wire) {
        return error(formErrQuery(wire), Rcode.FORMERR);
    }
}
