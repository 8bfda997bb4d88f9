package org.relops.imaging.provider;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.relops.model.value.NetworkAttachment;

/** Everything a provider needs to boot one machine for one provisioning operation: the machine and the image. */
public record BootSpec(
        UUID operationId,
        ProviderMachine machine,
        String imageName,
        int imageVersion,
        String imageDigest,
        String role,
        /** The image to hand the VM directly, for a provider that {@link Provider#bootsKernelDirectly boots so}. */
        Optional<KernelBoot> kernelBoot) {

    public String hostname() {
        return machine.hostname();
    }

    public NetworkAttachment network() {
        return machine.network();
    }

    public Map<String, String> providerIdentity() {
        return machine.providerIdentity();
    }

    public String mac() {
        return machine.mac();
    }
}
