package org.relops.imaging.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Secret references resolved from the local secret store (the test profile's {@code target/secrets}). */
@QuarkusTest
class SecretStoreTest {

    @Inject
    SecretStore secrets;

    @Test
    void shouldReadAVaultReferenceFromTheStoreAsUserAndPassword() throws Exception {
        Path file = Path.of("target/secrets/bmc/bm-secret-test");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "relops:s3cret-value\n");

        SecretStore.Credentials credentials = secrets.credentials("vault:bmc/bm-secret-test");

        assertEquals("relops", credentials.user());
        assertEquals("s3cret-value", credentials.password());
        assertFalse(credentials.toString().contains("s3cret-value"));
    }

    @Test
    void shouldNameTheReferenceButNeverAValueWhenOneCannotBeUsed() throws Exception {
        Path file = Path.of("target/secrets/bmc/not-a-credential");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "only-a-password\n");

        SecretException malformed = assertThrows(SecretException.class,
                () -> secrets.credentials("vault:bmc/not-a-credential"));
        SecretException missing = assertThrows(SecretException.class, () -> secrets.resolve("vault:bmc/absent"));
        SecretException outside = assertThrows(SecretException.class, () -> secrets.resolve("vault:../pom.xml"));
        SecretException unknown = assertThrows(SecretException.class, () -> secrets.resolve("file:/etc/shadow"));

        assertEquals("secret vault:bmc/not-a-credential is not user:password", malformed.getMessage());
        assertFalse(malformed.getMessage().contains("only-a-password"));
        assertTrue(missing.getMessage().contains("vault:bmc/absent cannot be read"), missing.getMessage());
        assertTrue(outside.getMessage().contains("outside the secret store"), outside.getMessage());
        assertTrue(unknown.getMessage().contains("neither vault:<path> nor env:<NAME>"), unknown.getMessage());
    }
}
