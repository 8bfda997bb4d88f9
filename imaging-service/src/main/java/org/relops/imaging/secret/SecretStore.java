package org.relops.imaging.secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.imaging.config.ImagingConfig;

/**
 * Resolves the secret references the inventory carries ({@code vault:<path>}, {@code env:<NAME>}) to their
 * values, at the moment a provider needs one. A value is never kept, logged or put in an error: errors name
 * the reference only. {@code vault:} reads the local secret store ({@code relops.imaging.secrets.dir}), the
 * stand-in for Vault on a machine without one.
 */
@ApplicationScoped
public class SecretStore {

    @Inject
    ImagingConfig config;

    /** The secret a reference names; a {@link SecretException} saying which reference could not be read, and why. */
    public String resolve(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new SecretException("no secret reference (inventory: identity.secretRef)");
        }
        if (reference.startsWith("env:")) {
            String value = System.getenv(reference.substring("env:".length()));
            if (value == null || value.isBlank()) {
                throw new SecretException("secret " + reference + ": the environment variable is not set");
            }
            return value.strip();
        }
        if (reference.startsWith("vault:")) {
            return fromStore(reference, reference.substring("vault:".length()));
        }
        throw new SecretException("secret reference " + reference + " is neither vault:<path> nor env:<NAME>");
    }

    /** A {@code user:password} secret, as BMC credentials are kept. */
    public Credentials credentials(String reference) {
        String value = resolve(reference);
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new SecretException("secret " + reference + " is not user:password");
        }
        return new Credentials(value.substring(0, colon), value.substring(colon + 1));
    }

    private String fromStore(String reference, String path) {
        Optional<Path> dir = config.secrets().dir();
        if (dir.isEmpty()) {
            throw new SecretException("secret " + reference + ": no secret store is configured (relops.imaging.secrets.dir)");
        }
        Path root = dir.get().toAbsolutePath().normalize();
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || path.isBlank()) {
            throw new SecretException("secret " + reference + " names a path outside the secret store");
        }
        try {
            String value = Files.readString(file).strip();
            if (value.isEmpty()) {
                throw new SecretException("secret " + reference + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new SecretException("secret " + reference + " cannot be read from the secret store ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** A user name and password; {@link #toString()} never shows the password. */
    public record Credentials(String user, String password) {

        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=(hidden)]";
        }
    }
}
