package org.relops.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test environment's operator SSH key pair (ed25519, no passphrase), made with ssh-keygen once per
 * directory, and the OpenSSH client as the operator runs it against a machine with it: root, BatchMode, a
 * known_hosts file of the caller's choosing (so a changed host key shows).
 */
public record OperatorKey(Path privateKey) {

    /** The pair in {@code directory} ({@code operator}, {@code operator.pub}), made if it is not there yet. */
    public static OperatorKey in(Path directory) {
        OperatorKey key = new OperatorKey(directory.toAbsolutePath().resolve("operator"));
        if (!Files.exists(key.privateKey()) || !Files.exists(key.publicKey())) {
            key.generate();
        }
        return key;
    }

    /** The public half: what imaging-service serves to machines. */
    public Path publicKey() {
        return Path.of(privateKey + ".pub");
    }

    /**
     * Runs a command as root on the machine at an address; {@code strict}: its host key must be the one
     * {@code knownHosts} has already (else the first one seen is recorded there).
     */
    public Result ssh(String address, Path knownHosts, boolean strict, String... command) {
        List<String> ssh = new ArrayList<>(List.of("ssh", "-i", privateKey.toString(), "-o", "IdentitiesOnly=yes",
                "-o", "UserKnownHostsFile=" + knownHosts.toAbsolutePath(),
                "-o", "StrictHostKeyChecking=" + (strict ? "yes" : "accept-new"),
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=5",
                "-o", "LogLevel=ERROR", "root@" + address));
        ssh.addAll(List.of(command));
        return execute(ssh);
    }

    /** A machine's ed25519 host key as ssh-keyscan reads it: the key type and blob. */
    public static String hostKeyOf(String address) {
        Result scan = execute(List.of("ssh-keyscan", "-T", "10", "-t", "ed25519", address));
        return scan.output().lines().filter(line -> line.startsWith(address + " ")).findFirst()
                .map(line -> line.substring(address.length() + 1))
                .orElseThrow(() -> new AssertionError("ssh-keyscan got no host key from " + address + ": " + scan));
    }

    private void generate() {
        try {
            Files.createDirectories(privateKey.getParent());
            Files.deleteIfExists(privateKey);
            Files.deleteIfExists(publicKey());
        } catch (IOException e) {
            throw new IllegalStateException("cannot make " + privateKey.getParent() + ": " + e.getMessage(), e);
        }
        Result keygen = execute(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "relops-test-operator",
                "-f", privateKey.toString()));
        if (keygen.exitStatus() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + keygen.output().strip());
        }
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
            throw new IllegalStateException("cannot run " + command.get(0) + " (is openssh-client installed?): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command.get(0), e);
        }
    }

    /** How a command ended: its exit status and its output (stdout and stderr together). */
    public record Result(int exitStatus, String output) {
    }
}
