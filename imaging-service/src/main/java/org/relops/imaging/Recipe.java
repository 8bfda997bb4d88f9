package org.relops.imaging;

/** How a version is built and booted. */
public enum Recipe {
    /**
     * A kernel and a busybox initramfs that is the whole system: the boot agent, and an SSH server when the
     * version pins one. No operating system and no role runs on it: only role {@code bare}, for network and
     * provider work that needs a machine that boots in seconds.
     */
    NETBOOT,
    /**
     * A real system: a Debian root built from an exact package set with its Puppet role applied, packed as a
     * squashfs the initramfs fetches, checks and mounts under a tmpfs overlay at every boot.
     */
    ROOTFS;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
