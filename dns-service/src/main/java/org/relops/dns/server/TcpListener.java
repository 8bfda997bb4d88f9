package org.relops.dns.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

/**
 * Accepts TCP connections and serves each on its own thread, up to a limit: messages with a two-byte
 * length prefix (RFC 1035 4.2.2, several per connection, RFC 7766), until the client closes or stays
 * idle too long.
 */
final class TcpListener implements Runnable {

    private static final Logger LOG = Logger.getLogger(TcpListener.class);

    private final ServerSocket server;
    private final DnsResponder responder;
    private final int idleMillis;
    private final ThreadPoolExecutor connections;

    TcpListener(ServerSocket server, DnsResponder responder, int maxConnections, Duration idleTimeout) {
        this.server = server;
        this.responder = responder;
        this.idleMillis = (int) idleTimeout.toMillis();
        AtomicInteger count = new AtomicInteger();
        this.connections = new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "dns-tcp-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void run() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.debugf("accepting a connection failed: %s", e.getMessage());
                }
                continue;
            }
            try {
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                LOG.debugf("too many TCP connections; closing the one from %s", socket.getInetAddress());
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(idleMillis);
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (true) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException | SocketTimeoutException e) {
                    return;
                }
                byte[] message = new byte[length];
                in.readFully(message);
                responder.answerStream(message, socket.getInetAddress(), answer -> write(out, answer));
                out.flush();
            }
        } catch (EOFException | SocketException | SocketTimeoutException | UncheckedIOException e) {
            LOG.debugf("TCP connection ended: %s", e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "serving a TCP connection from %s failed", socket.getInetAddress());
        }
    }

    private static void write(OutputStream out, byte[] answer) {
        try {
            out.write(answer.length >> 8);
            out.write(answer.length & 0xFF);
            out.write(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing a refused connection failed", e);
        }
    }

    void stop() {
        connections.shutdownNow();
    }
}
