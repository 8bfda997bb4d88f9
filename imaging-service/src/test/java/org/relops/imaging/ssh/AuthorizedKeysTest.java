package org.relops.imaging.ssh;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizedKeysTest {

    static final String KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBbQmmbr/FvRsuLBs/Nm4d84/OtqooPvlY0D5TJl9zZi operator";
    static final String RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 second@host";

    @Test
    void shouldGiveEveryPublicKeyLineAndSkipCommentsAndBlankLines(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("keys"), "# the operators\n\n" + KEY + "\n  " + RSA + "\n");

        assertThat(AuthorizedKeys.keysIn(file), equalTo(Optional.of(KEY + "\n" + RSA + "\n")));
    }

    @Test
    void shouldKeepTheOptionsOfAKeyLine(@TempDir Path dir) throws IOException {
        String restricted = "no-port-forwarding,from=\"10.0.0.0/8\" " + KEY;
        Path file = Files.writeString(dir.resolve("keys"), restricted + "\n");

        assertThat(AuthorizedKeys.keysIn(file), equalTo(Optional.of(restricted + "\n")));
    }

    @Test
    void shouldLeaveOutLinesThatAreNoPublicKey(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("keys"), "not a key\n" + KEY + "\n");

        assertThat(AuthorizedKeys.keysIn(file), equalTo(Optional.of(KEY + "\n")));
    }

    @Test
    void shouldGiveNothingFromAFileHoldingAPrivateKey(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("keys"), KEY + "\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n"
                + "-----END OPENSSH PRIVATE KEY-----\n");

        assertThat(AuthorizedKeys.keysIn(file), equalTo(Optional.empty()));
    }

    @Test
    void shouldGiveNothingFromAMissingOrEmptyFile(@TempDir Path dir) throws IOException {
        assertThat(AuthorizedKeys.keysIn(dir.resolve("absent")), equalTo(Optional.empty()));
        assertThat(AuthorizedKeys.keysIn(Files.writeString(dir.resolve("empty"), "\n")), equalTo(Optional.empty()));
    }
}
