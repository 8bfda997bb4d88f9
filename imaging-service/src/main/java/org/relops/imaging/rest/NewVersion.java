package org.relops.imaging.rest;

import org.relops.imaging.service.PinnedInputs;

/**
 * Body of {@code POST /v1/images/{name}/versions}. A real image: the role and the base
 * ({@code {"role": "buildbot-slave", "base": "bookworm-slave"}}), whose lock file pins every package and whose
 * role is snapshotted now. A netboot image (role {@code bare}): the kernel and busybox packages it pins; the SSH
 * server (dropbear-bin and the library packages it loads from) is optional.
 */
public record NewVersion(String role, String base, PinnedInputs.Pin kernel, PinnedInputs.Pin busybox,
        PinnedInputs.SshServerPin sshServer) {
}
