package org.relops.imaging.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.imaging.config.ImagingConfig;

/**
 * The operator's public keys that machines with an SSH server let log in as root, from
 * {@code relops.imaging.ssh.authorized-keys-file} (OpenSSH authorized_keys lines). Read at every use, so a
 * changed file counts from the next boot. Only public keys ever leave it: a file holding anything that looks
 * like a private key is refused whole, and lines that are no public key are left out.
 */
@ApplicationScoped
public class AuthorizedKeys {

    private static final Logger LOG = Logger.getLogger(AuthorizedKeys.class);
    /** An authorized_keys line: optional options, then a public key type and its base64 blob. */
    private static final Pattern PUBLIC_KEY = Pattern.compile(
            "(.*\\s)?(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com"
                    + "|sk-ecdsa-sha2-nistp256@openssh\\.com)\\s+AAAA[A-Za-z0-9+/]+={0,3}(\\s.*)?");

    @Inject
    ImagingConfig config;

    /** The authorized_keys text the agents install, one key a line; empty when there is no key to give. */
    public Optional<String> text() {
        return config.ssh().authorizedKeysFile().flatMap(AuthorizedKeys::keysIn);
    }

    /** The public keys in an authorized_keys file, one a line; empty if it has none, or holds a private key. */
    static Optional<String> keysIn(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warnf("cannot read the authorized keys file %s (%s): machines get no SSH keys", file,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
        if (lines.stream().anyMatch(line -> line.contains("PRIVATE KEY"))) {
            // Its content is never logged: it is a secret.
            LOG.errorf("%s holds a private key, not public keys: machines get no SSH keys", file);
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (PUBLIC_KEY.matcher(line).matches()) {
                keys.add(line);
            } else {
                LOG.warnf("%s line %d is not an OpenSSH public key; left out", file, i + 1);
            }
        }
        return keys.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", keys) + "\n");
    }

    /** Whether machines with an SSH server get a key, and therefore start it. */
    public boolean available() {
        return text().isPresent();
    }

    /** Why there is no key to give, for the API (the log names the file). */
    public String whyNone() {
        return config.ssh().authorizedKeysFile().isPresent()
                ? "the file relops.imaging.ssh.authorized-keys-file names is missing or holds no public key"
                : "relops.imaging.ssh.authorized-keys-file is not set";
    }
}
