package org.relops.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;

/** Sends raw bytes to a DNS server over UDP, for packets no well-behaved client would send. */
public final class RawDns {

    private RawDns() {
    }

    /** The server's reply, or empty if it sends none within the timeout. */
    public static Optional<byte[]> exchange(int port, byte[] packet, int timeoutMillis) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(timeoutMillis);
            socket.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(), port));
            byte[] buffer = new byte[65_535];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(reply);
                return Optional.of(Arrays.copyOf(buffer, reply.getLength()));
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
