package org.relops.imaging.provider;

import java.util.UUID;

/** Everything a provider needs to boot one machine for one provisioning operation. */
public record BootSpec(
        UUID operationId,
        String hostname,
        String systemName,
        String mac,
        String imageName,
        int imageVersion,
        String imageDigest,
        String role) {
}
