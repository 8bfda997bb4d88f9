package org.relops.dns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

import org.jboss.logging.Logger;

/** Receives datagrams on one UDP socket and answers each in turn; nothing a packet holds can stop it. */
final class UdpListener implements Runnable {

    private static final Logger LOG = Logger.getLogger(UdpListener.class);
    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramChannel channel;
    private final DnsResponder responder;

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
            try {
                responder.answerDatagram(buffer.array(), buffer.position(), client.getAddress(),
                        answer -> send(answer, client));
            } catch (RuntimeException e) {
                LOG.errorf(e, "answering a datagram from %s failed", client);
            }
        }
    }

    private void send(byte[] answer, InetSocketAddress client) {
        try {
            channel.send(ByteBuffer.wrap(answer), client);
        } catch (IOException e) {
            LOG.debugf("sending an answer to %s failed: %s", client, e.getMessage());
        }
    }
}
