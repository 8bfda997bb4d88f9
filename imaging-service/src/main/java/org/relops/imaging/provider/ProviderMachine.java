package org.relops.imaging.provider;

import java.util.Map;

import org.relops.model.value.NetworkAttachment;

/**
 * A machine as its provider knows it, for every call: its hostname, the system it is on, that system's
 * network identity and the opaque per-provider part of its identity (a BMC address and secret
 * reference, a libvirt URI, an instance id: whatever the provider needs to reach it; references only).
 */
public record ProviderMachine(String hostname, String systemName, NetworkAttachment network,
        Map<String, String> providerIdentity) {

    public ProviderMachine {
        providerIdentity = providerIdentity == null ? Map.of() : Map.copyOf(providerIdentity);
    }

    public String mac() {
        return network == null ? null : network.mac();
    }
}
