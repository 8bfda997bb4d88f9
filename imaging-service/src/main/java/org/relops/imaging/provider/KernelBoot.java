package org.relops.imaging.provider;

import java.nio.file.Path;

/**
 * An image handed to a VM directly, without a network boot: its kernel and initramfs from the store, and the kernel
 * command line its iPXE script would have given it (with the operation's one-time boot token: a secret, so a
 * provider hands it over in a file, never on a command line).
 */
public record KernelBoot(Path kernel, Path initrd, String commandLine) {

    @Override
    public String toString() {
        // the command line carries the boot token: never printed
        return "KernelBoot[kernel=" + kernel + ", initrd=" + initrd + "]";
    }
}
