package org.relops.dns.server;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;
import org.relops.dns.zone.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Tells secondaries that a zone changed (RFC 1996 NOTIFY over UDP), so they transfer it at once instead
 * of at their next refresh. Each secondary is tried a few times until it answers; a secondary that never
 * answers still refreshes on the SOA timers.
 */
public final class NotifySender implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NotifySender.class);
    private static final int ATTEMPTS = 5;
    private static final int TIMEOUT_MILLIS = 1000;

    private final List<InetSocketAddress> secondaries;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dns-notify");
        thread.setDaemon(true);
        return thread;
    });

    public NotifySender(List<InetSocketAddress> secondaries) {
        this.secondaries = List.copyOf(secondaries);
    }

    /** Parses {@code host} or {@code host:port} ({@code [v6]:port} for IPv6) entries; port 53 by default. */
    public static List<InetSocketAddress> parseTargets(List<String> targets) {
        List<InetSocketAddress> parsed = new ArrayList<>();
        for (String target : targets) {
            String entry = target.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String host = entry;
            int port = 53;
            int colon = entry.lastIndexOf(':');
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                host = entry.substring(1, close);
                port = close + 1 < entry.length() ? Integer.parseInt(entry.substring(close + 2)) : 53;
            } else if (colon > 0 && entry.indexOf(':') == colon) {
                host = entry.substring(0, colon);
                port = Integer.parseInt(entry.substring(colon + 1));
            }
            parsed.add(new InetSocketAddress(host, port));
        }
        return parsed;
    }

    /** Sends a NOTIFY for this version of the zone to every secondary, in the background. */
    public void notifySecondaries(ZoneSnapshot zone) {
        for (InetSocketAddress secondary : secondaries) {
            sender.execute(() -> notifyOne(zone, secondary));
        }
    }

    private void notifyOne(ZoneSnapshot zone, InetSocketAddress secondary) {
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        Message notify = new Message(id);
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        notify.getHeader().setFlag(Flags.AA);
        notify.addRecord(Record.newRecord(zone.origin(), Type.SOA, DClass.IN), Section.QUESTION);
        notify.addRecord(zone.soa(), Section.ANSWER);
        byte[] wire = notify.toWire();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(secondary);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                socket.send(new DatagramPacket(wire, wire.length));
                if (acknowledged(socket, id)) {
                    LOG.debugf("%s acknowledged NOTIFY for %s serial %d", secondary, zone.origin(), zone.serial());
                    return;
                }
            }
            LOG.infof("secondary %s did not answer NOTIFY for %s serial %d; it will refresh on the SOA timers",
                    secondary, zone.origin(), zone.serial());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot NOTIFY %s of %s: %s", secondary, zone.origin(), e.toString());
        }
    }

    private static boolean acknowledged(DatagramSocket socket, int id) throws IOException {
        byte[] buffer = new byte[512];
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(answer);
            return answer.getLength() >= 12 && ((buffer[0] & 0xFF) << 8 | (buffer[1] & 0xFF)) == id;
        } catch (SocketTimeoutException | PortUnreachableException e) {
            return false;
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
