package org.relops.imaging;

import java.nio.file.Path;
import java.util.Map;

import org.relops.testing.OperatorKey;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The test environment's operator key pair under {@code target/ssh} (made once per build directory):
 * imaging-service serves its public half to the machines, the tests log in with the private one.
 */
public class TestOperatorKey implements QuarkusTestResourceLifecycleManager {

    public static final OperatorKey KEY = OperatorKey.in(Path.of("target/ssh"));
    public static final Path PUBLIC_KEY = KEY.publicKey();

    @Override
    public Map<String, String> start() {
        return Map.of("relops.imaging.ssh.authorized-keys-file", PUBLIC_KEY.toString());
    }

    @Override
    public void stop() {
    }
}
