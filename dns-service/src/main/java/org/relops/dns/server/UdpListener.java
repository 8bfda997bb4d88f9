package org.relops.dns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.function.BiConsumer;

import org.jboss.logging.Logger;

/**
 * Receives datagrams on one UDP socket and answers each in turn; nothing a packet holds can stop it.
 * Answers go out through one buffer reused for every datagram, so that answering from the response cache
 * allocates next to nothing: at a steady query rate the heap then fills slowly, and the collector's pauses,
 * which hold up every answer at once, are rare.
 */
final class UdpListener implements Runnable {

    private static final Logger LOG = Logger.getLogger(UdpListener.class);
    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramChannel channel;
    private final DnsResponder responder;
    private final ByteBuffer out = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    /** Answers to updates, sent later from another thread: not through {@link #out}. */
    private final BiConsumer<byte[], InetSocketAddress> sendLate =
            (answer, client) -> send(ByteBuffer.wrap(answer), client);

    UdpListener(DatagramChannel channel, DnsResponder responder) {
        this.channel = channel;
        this.responder = responder;
    }

    @Override
    public void run() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        while (channel.isOpen()) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.debugf("receiving a datagram failed: %s", e.getMessage());
                continue;
            }
            InetSocketAddress client = (InetSocketAddress) from;
            byte[] query = buffer.array();
            try {
                byte[] answer = responder.answerDatagram(query, buffer.position(), client, sendLate);
                if (answer != null) {
                    out.clear();
                    out.put(answer).put(0, query[0]).put(1, query[1]).flip();
                    send(out, client);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "answering a datagram from %s failed", client);
            }
        }
    }

    private void send(ByteBuffer answer, InetSocketAddress client) {
        try {
            channel.send(answer, client);
        } catch (IOException e) {
            LOG.debugf("sending an answer to %s failed: %s", client, e.getMessage());
        }
    }
}
