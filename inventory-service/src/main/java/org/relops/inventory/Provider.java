package org.relops.inventory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of provider imaging-service uses to put a machine on a system. */
public enum Provider {
    /** A local qemu VM network-booted through iPXE; identified by its NIC's MAC. */
    QEMU,
    /** A libvirt domain; identified by its NIC's MAC and the libvirt URI of its host. */
    LIBVIRT,
    /** An EC2 instance slot; identified by region and, while running, its instance id. */
    EC2,
    /** A bare-metal host PXE-booted and power-controlled through its BMC. */
    BAREMETAL,
    /**
     * A slot where nothing boots: imaging only pretends to provision it. For benchmarks and tests of the
     * control plane, never in an inventory of systems that really boot.
     */
    SIMULATED;

    /** Whether its systems need a NIC with a MAC; a cloud slot gets its network from the cloud. */
    public boolean needsNic() {
        return this != EC2;
    }

    /** How messages name one of its systems: "a qemu system", "an ec2 system". */
    public String aSystem() {
        return (this == EC2 ? "an " : "a ") + label() + " system";
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Provider> fromLabel(String label) {
        return Arrays.stream(values()).filter(provider -> provider.label().equalsIgnoreCase(label)).findFirst();
    }
}
