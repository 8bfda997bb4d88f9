package org.relops.imaging;

/** What a pinned binary input is to an image build. */
public enum InputKind {
    /** A Debian linux-image package: the kernel and the modules the boot agent loads. */
    KERNEL,
    /** The busybox-static package: the boot agent's userland. */
    BUSYBOX,
    /** The dropbear-bin package (optional): the SSH server machines answer at, and its key generator. */
    SSH_SERVER,
    /** A Debian library package the SSH server's programs load shared objects from (only those go in). */
    SHARED_LIBRARY
}
