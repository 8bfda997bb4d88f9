package org.relops.imaging.ssh;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SshReachabilityTest {

    static final Duration TIMEOUT = Duration.ofMillis(500);
    static final Duration PAUSE = Duration.ofMillis(50);

    /** A server on a free local port that greets every connection with a line, then hangs up. */
    static ServerSocket greeting(String line) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread greeter = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                    out.write(line.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        });
        greeter.setDaemon(true);
        greeter.start();
        return server;
    }

    static InetSocketAddress at(ServerSocket server) {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    @Test
    void shouldFindAServerThatGreetsWithAnSshIdentification() throws IOException {
        try (ServerSocket server = greeting("SSH-2.0-dropbear_2022.83\r\n")) {
            assertThat(SshReachability.failureAt(at(server), 3, TIMEOUT, PAUSE), equalTo(Optional.empty()));
        }
    }

    @Test
    void shouldSayWhenWhatAnswersIsNoSshServer() throws IOException {
        try (ServerSocket server = greeting("HTTP/1.1 400 Bad Request\r\n")) {
            assertThat(SshReachability.failureAt(at(server), 2, TIMEOUT, PAUSE),
                    equalTo(Optional.of("it answered with no SSH identification")));
        }
    }

    @Test
    void shouldSayWhenNothingAnswersAtThatPort() throws IOException {
        InetSocketAddress closed;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = at(server);
        }

        assertThat(SshReachability.failureAt(closed, 2, TIMEOUT, PAUSE).orElseThrow(),
                equalTo("Connection refused"));
    }

    @Test
    void shouldSayWhenAServerAcceptsButNeverGreets() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertThat(SshReachability.failureAt(at(silent), 1, TIMEOUT, PAUSE),
                    equalTo(Optional.of("no answer within 500 ms")));
        }
    }
}
