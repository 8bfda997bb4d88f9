package org.relops.imaging.provider;

import java.util.Map;
import java.util.UUID;

import org.relops.model.value.NetworkAttachment;

/**
 * Everything a provider needs to boot one machine for one provisioning operation: the image, the
 * machine's network identity as inventory-service assigned it, and the opaque per-provider part of the
 * system's identity (secret references only).
 */
public record BootSpec(
        UUID operationId,
        String hostname,
        String systemName,
        NetworkAttachment network,
        Map<String, String> providerIdentity,
        String imageName,
        int imageVersion,
        String imageDigest,
        String role) {

    public BootSpec {
        providerIdentity = providerIdentity == null ? Map.of() : Map.copyOf(providerIdentity);
    }

    public String mac() {
        return network == null ? null : network.mac();
    }
}
