package org.relops.imaging.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.imaging.ImageVersion;
import org.relops.imaging.InputKind;
import org.relops.imaging.config.ImagingConfig;
import org.relops.imaging.config.ReimageMode;

/**
 * The reimage policy of a role: whether a reboot boots the newest version (slaves), whether and how
 * often a machine is refreshed (masters), and whether a refresh can be incremental (the new version
 * has the running one's base: the same kernel, busybox and SSH server packages) or must pave the machine over.
 */
@ApplicationScoped
public class ReimagePolicy {

    /** How a due refresh puts the newest version on a machine. */
    public enum RefreshKind {
        /** Re-apply the role in place, no reboot: the base is unchanged. */
        INCREMENTAL,
        /** A full network-boot reimage: the base changed. */
        PAVE_OVER;

        /** The name events and the API use: {@code incremental}, {@code pave-over}. */
        public String label() {
            return this == INCREMENTAL ? "incremental" : "pave-over";
        }
    }

    @Inject
    ImagingConfig config;

    public ReimageMode modeOf(String role) {
        return policy(role).map(ImagingConfig.RolePolicy::reimage).orElse(ReimageMode.ON_REQUEST);
    }

    public Optional<Duration> refreshPeriodOf(String role) {
        return policy(role).filter(p -> p.reimage() == ReimageMode.PERIODIC)
                .map(ImagingConfig.RolePolicy::refreshPeriod);
    }

    private Optional<ImagingConfig.RolePolicy> policy(String role) {
        return Optional.ofNullable(role).map(config.roles()::get);
    }

    /**
     * Incremental when the newest version boots the same base as the running one (every pinned package the same,
     * the SSH server and its libraries too: an incremental refresh re-applies only the role), pave-over otherwise.
     */
    public static RefreshKind refreshKind(ImageVersion running, ImageVersion newest) {
        boolean sameBase = sameInput(running, newest, InputKind.KERNEL)
                && sameInput(running, newest, InputKind.BUSYBOX)
                && packages(running).equals(packages(newest));
        return sameBase ? RefreshKind.INCREMENTAL : RefreshKind.PAVE_OVER;
    }

    private static Set<String> packages(ImageVersion version) {
        // The role is not part of the base: a new role on the same packages is re-applied in place.
        return version.inputs.stream().filter(input -> input.kind != InputKind.ROLE)
                .map(input -> input.kind + " " + input.sha256).collect(Collectors.toSet());
    }

    /** Whether a machine that has run its version since {@code since} is due for a refresh. */
    public static boolean refreshDue(OffsetDateTime since, Duration period, OffsetDateTime now) {
        return since == null || !now.isBefore(since.plus(period));
    }

    private static boolean sameInput(ImageVersion a, ImageVersion b, InputKind kind) {
        Optional<String> left = a.input(kind).map(input -> input.sha256);
        return left.isPresent() && Objects.equals(left, b.input(kind).map(input -> input.sha256));
    }
}
