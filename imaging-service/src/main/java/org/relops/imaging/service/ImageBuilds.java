package org.relops.imaging.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.relops.imaging.ImageInput;
import org.relops.imaging.ImageVersion;
import org.relops.imaging.VersionState;

/** Builds image versions. */
@ApplicationScoped
public class ImageBuilds {

    @Transactional(Transactional.TxType.MANDATORY)
    public void buildAfterCommit(Long versionId) {
        ImageVersion version = ImageVersion.findById(versionId);
        StringBuilder manifest = new StringBuilder("role=" + version.role + "\n");
        for (ImageInput input : version.inputs) {
            manifest.append(input.kind).append(' ').append(input).append('\n');
        }
        version.digest = "sha256:" + sha256(manifest.toString());
        version.state = VersionState.READY;
        version.builtAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
