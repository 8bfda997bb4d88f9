package org.relops.dns.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * The DNS server's sockets: several UDP sockets on one port (SO_REUSEPORT lets the kernel spread
 * datagrams over them, one thread each) and a TCP listener on the same port. What they receive goes to
 * a {@link DnsResponder}.
 */
public final class DnsServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DnsServer.class);
    private static final int BIND_ATTEMPTS = 10;

    private final ServerSocket tcp;
    private final List<DatagramChannel> udp;
    private final TcpListener tcpListener;
    private final int port;

    private DnsServer(ServerSocket tcp, List<DatagramChannel> udp, DnsResponder responder, Settings settings) {
        this.tcp = tcp;
        this.udp = udp;
        this.port = tcp.getLocalPort();
        this.tcpListener = new TcpListener(tcp, responder, settings.tcpConnections(), settings.tcpIdleTimeout());
        String where = tcp.getInetAddress().getHostAddress() + ":" + port;
        start(tcpListener, "dns-tcp-accept@" + where);
        for (int i = 0; i < udp.size(); i++) {
            start(new UdpListener(udp.get(i), responder), "dns-udp-" + (i + 1) + "@" + where);
        }
    }

    /** Binds UDP and TCP on the configured address and port (a free one if the port is 0) and starts serving. */
    public static DnsServer start(Settings settings, DnsResponder responder) throws IOException {
        InetAddress address = InetAddress.getByName(settings.host());
        IOException last = null;
        for (int attempt = 0; attempt < (settings.port() == 0 ? BIND_ATTEMPTS : 1); attempt++) {
            ServerSocket tcp = new ServerSocket();
            try {
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(address, settings.port()), 128);
                List<DatagramChannel> udp = bindUdp(new InetSocketAddress(address, tcp.getLocalPort()),
                        Math.max(1, settings.udpThreads()));
                DnsServer server = new DnsServer(tcp, udp, responder, settings);
                LOG.infof("DNS server listening on %s port %d (UDP x%d, TCP)", address.getHostAddress(), server.port,
                        udp.size());
                return server;
            } catch (IOException e) {
                tcp.close();
                last = e;
            }
        }
        throw new IOException("cannot listen for DNS on " + settings.host() + " port " + settings.port() + ": "
                + (last == null ? "" : last.getMessage()), last);
    }

    private static List<DatagramChannel> bindUdp(InetSocketAddress address, int sockets) throws IOException {
        List<DatagramChannel> channels = new ArrayList<>();
        try {
            DatagramChannel first = DatagramChannel.open();
            channels.add(first);
            boolean sharePort = sockets > 1 && first.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
            if (sharePort) {
                first.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            first.bind(address);
            for (int i = 1; i < sockets; i++) {
                if (sharePort) {
                    DatagramChannel channel = DatagramChannel.open();
                    channels.add(channel);
                    channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                    channel.bind(address);
                } else {
                    // Without SO_REUSEPORT the threads share the one socket.
                    channels.add(first);
                }
            }
            return channels;
        } catch (IOException e) {
            for (DatagramChannel channel : channels) {
                channel.close();
            }
            throw e;
        }
    }

    private static void start(Runnable listener, String name) {
        Thread thread = new Thread(listener, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The port the server listens on (UDP and TCP). */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            tcp.close();
        } catch (IOException e) {
            LOG.debug("closing the TCP listener failed", e);
        }
        tcpListener.stop();
        for (DatagramChannel channel : udp) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing a UDP socket failed", e);
            }
        }
    }

    /** Where and how the server listens. */
    public record Settings(String host, int port, int udpThreads, int tcpConnections, Duration tcpIdleTimeout) {
    }
}
