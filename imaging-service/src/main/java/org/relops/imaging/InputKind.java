package org.relops.imaging;

/** What a pinned binary input is to an image build. */
public enum InputKind {
    /** A Debian linux-image package: the kernel and the modules the boot agent loads. */
    KERNEL,
    /** The busybox-static package: the boot agent's userland. */
    BUSYBOX
}
