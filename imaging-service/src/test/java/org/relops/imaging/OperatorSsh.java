package org.relops.imaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OpenSSH client as the operator runs it against a machine: root, the test operator key, a known_hosts
 * file of the test's own (so a changed host key shows), no password prompts.
 */
public final class OperatorSsh {

    private OperatorSsh() {
    }

    /**
     * Runs a command on the machine at an address; {@code strict}: its host key must be the one known_hosts has
     * already (else the first one seen is recorded).
     */
    public static Result run(String address, Path knownHosts, boolean strict, String... command) {
        List<String> ssh = new ArrayList<>(List.of("ssh", "-i", TestOperatorKey.PRIVATE_KEY.toString(),
                "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "StrictHostKeyChecking=" + (strict ? "yes" : "accept-new"),
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=5", "-o", "LogLevel=ERROR",
                "root@" + address));
        ssh.addAll(List.of(command));
        return execute(ssh);
    }

    /** The machine's ed25519 host key, as ssh-keyscan reads it (the key type and blob). */
    public static String hostKeyOf(String address) {
        Result scan = execute(List.of("ssh-keyscan", "-T", "10", "-t", "ed25519", address));
        return scan.output().lines().filter(line -> line.startsWith(address + " ")).findFirst()
                .map(line -> line.substring(address.length() + 1))
                .orElseThrow(() -> new AssertionError("ssh-keyscan got no host key from " + address + ": " + scan));
    }

    private static Result execute(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output + " (timed out)");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command.get(0), e);
        }
    }

    /** How a command ended: its exit status and its output (stdout and stderr). */
    public record Result(int exitStatus, String output) {
    }
}
