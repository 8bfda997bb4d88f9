package org.relops.imaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The test environment's operator key pair, made with ssh-keygen under {@code target/ssh} (once per build
 * directory): imaging-service serves its public half to the machines, the tests log in with the private one.
 */
public class TestOperatorKey implements QuarkusTestResourceLifecycleManager {

    public static final Path PRIVATE_KEY = Path.of("target/ssh/operator").toAbsolutePath();
    public static final Path PUBLIC_KEY = Path.of(PRIVATE_KEY + ".pub");

    @Override
    public Map<String, String> start() {
        if (!Files.exists(PRIVATE_KEY) || !Files.exists(PUBLIC_KEY)) {
            generate();
        }
        return Map.of("relops.imaging.ssh.authorized-keys-file", PUBLIC_KEY.toString());
    }

    @Override
    public void stop() {
    }

    private static void generate() {
        try {
            Files.createDirectories(PRIVATE_KEY.getParent());
            Files.deleteIfExists(PRIVATE_KEY);
            Files.deleteIfExists(PUBLIC_KEY);
            Process keygen = new ProcessBuilder(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                    "-C", "relops-test-operator", "-f", PRIVATE_KEY.toString()))
                    .redirectErrorStream(true).start();
            String output = new String(keygen.getInputStream().readAllBytes());
            if (!keygen.waitFor(30, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
                throw new IllegalStateException("ssh-keygen failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the test operator key (is openssh-client installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the test operator key", e);
        }
    }
}
