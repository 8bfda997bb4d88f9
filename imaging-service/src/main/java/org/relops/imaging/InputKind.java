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
    SHARED_LIBRARY,
    /** A package of a real image's root file system (the base's complete set, every one pinned). */
    PACKAGE,
    /**
     * A real image's Puppet role: a snapshot of its manifests and modules, kept by sha256 in the store (the
     * name is the role's, the version {@code snapshot}).
     */
    ROLE
}
