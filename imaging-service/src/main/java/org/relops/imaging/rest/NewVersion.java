package org.relops.imaging.rest;

import org.relops.imaging.service.PinnedInputs;

/**
 * Body of {@code POST /v1/images/{name}/versions}: the role and the packages the version pins; the SSH
 * server (dropbear-bin and the library packages it loads from) is optional.
 */
public record NewVersion(String role, PinnedInputs.Pin kernel, PinnedInputs.Pin busybox,
        PinnedInputs.SshServerPin sshServer) {
}
