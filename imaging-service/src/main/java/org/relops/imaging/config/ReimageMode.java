package org.relops.imaging.config;

/** How machines of a role get newer versions of their image (config values are kebab-case: {@code every-boot}). */
public enum ReimageMode {
    /** Every boot is a network boot of the newest version (or the version the request pinned): slaves. */
    EVERY_BOOT,
    /** Refreshed on a schedule, incrementally when the base is unchanged, paved over otherwise: masters. */
    PERIODIC,
    /** Only an explicit reimage or a rollout changes the version; a reboot boots the same version again. */
    ON_REQUEST
}
