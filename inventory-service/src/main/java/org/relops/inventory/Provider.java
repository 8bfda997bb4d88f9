package org.relops.inventory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of provider imaging-service uses to put a machine on a system. */
public enum Provider {
    /** A local qemu VM network-booted through iPXE; identified by its MAC. */
    QEMU,
    /** A libvirt domain; identified by its MAC and the libvirt URI of its host. */
    LIBVIRT,
    /** An EC2 instance slot; identified by region and, while running, its instance id. */
    EC2,
    /** A bare-metal host PXE-booted and power-controlled through its BMC. */
    BAREMETAL;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Provider> fromLabel(String label) {
        return Arrays.stream(values()).filter(provider -> provider.label().equalsIgnoreCase(label)).findFirst();
    }
}
