package org.relops.imaging.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.imaging.config.ImagingConfig;

/**
 * Checks that a machine answers SSH at its address: a TCP connection to port 22 that the server greets with
 * its SSH identification line ({@code SSH-2.0-...}), within {@code relops.imaging.ssh.check-timeout}, in one of
 * {@code check-attempts} tries. No login: only that the machine's SSH server is up and reachable.
 */
@ApplicationScoped
public class SshReachability {

    public static final int PORT = 22;
    private static final int LONGEST_IDENTIFICATION = 255;

    @Inject
    ImagingConfig config;

    /** Empty when the address answers SSH; else why it does not (the last attempt's failure). */
    public Optional<String> failureAt(String address) {
        return failureAt(new InetSocketAddress(address, PORT), config.ssh().checkAttempts(),
                config.ssh().checkTimeout(), config.ssh().checkPause());
    }

    static Optional<String> failureAt(InetSocketAddress target, int attempts, Duration timeout, Duration pause) {
        String failure = "not tried";
        for (int attempt = 1; attempt <= Math.max(1, attempts); attempt++) {
            Optional<String> result = attempt(target, timeout);
            if (result.isEmpty()) {
                return result;
            }
            failure = result.get();
            if (attempt < attempts && !pause(pause)) {
                break;
            }
        }
        return Optional.of(failure);
    }

    private static Optional<String> attempt(InetSocketAddress target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(target, (int) Math.max(1, timeout.toMillis()));
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            String line = firstLine(socket.getInputStream());
            return line.startsWith("SSH-") ? Optional.empty()
                    : Optional.of("it answered with no SSH identification");
        } catch (java.net.SocketTimeoutException e) {
            return Optional.of("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n' && line.length() < LONGEST_IDENTIFICATION; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
