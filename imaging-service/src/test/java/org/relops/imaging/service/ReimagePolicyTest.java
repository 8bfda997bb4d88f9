package org.relops.imaging.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.relops.imaging.ImageInput;
import org.relops.imaging.ImageVersion;
import org.relops.imaging.InputKind;
import org.relops.imaging.service.ReimagePolicy.RefreshKind;

class ReimagePolicyTest {

    static final String KERNEL_A = "a".repeat(64);
    static final String KERNEL_B = "b".repeat(64);
    static final String BUSYBOX_A = "c".repeat(64);
    static final String BUSYBOX_B = "d".repeat(64);
    static final OffsetDateTime NOON = OffsetDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneOffset.UTC);

    static ImageVersion version(int number, String role, String kernelSha, String busyboxSha) {
        ImageVersion version = new ImageVersion();
        version.imageName = "bm-master";
        version.number = number;
        version.role = role;
        version.inputs.add(ImageInput.of(InputKind.KERNEL, "linux-image-6.1.0-47-amd64", "6.1.170-3", kernelSha));
        version.inputs.add(ImageInput.of(InputKind.BUSYBOX, "busybox-static", "1:1.35.0-4", busyboxSha));
        return version;
    }

    @Test
    void shouldRefreshIncrementallyWhenTheNewestVersionKeepsTheBase() {
        ImageVersion running = version(1, "buildbot-master", KERNEL_A, BUSYBOX_A);
        ImageVersion newest = version(2, "buildbot-master", KERNEL_A, BUSYBOX_A);

        assertThat(ReimagePolicy.refreshKind(running, newest), equalTo(RefreshKind.INCREMENTAL));
    }

    @Test
    void shouldRefreshIncrementallyWhenOnlyTheRoleChanged() {
        ImageVersion running = version(1, "buildbot-master", KERNEL_A, BUSYBOX_A);
        ImageVersion newest = version(2, "buildbot-master-try", KERNEL_A, BUSYBOX_A);

        assertThat(ReimagePolicy.refreshKind(running, newest), equalTo(RefreshKind.INCREMENTAL));
    }

    @Test
    void shouldPaveOverWhenTheKernelChanged() {
        ImageVersion running = version(1, "buildbot-master", KERNEL_A, BUSYBOX_A);
        ImageVersion newest = version(2, "buildbot-master", KERNEL_B, BUSYBOX_A);

        assertThat(ReimagePolicy.refreshKind(running, newest), equalTo(RefreshKind.PAVE_OVER));
    }

    @Test
    void shouldPaveOverWhenBusyboxChanged() {
        ImageVersion running = version(1, "buildbot-master", KERNEL_A, BUSYBOX_A);
        ImageVersion newest = version(2, "buildbot-master", KERNEL_A, BUSYBOX_B);

        assertThat(ReimagePolicy.refreshKind(running, newest), equalTo(RefreshKind.PAVE_OVER));
    }

    @Test
    void shouldPaveOverWhenTheRunningVersionPinsNoBase() {
        ImageVersion running = version(1, "buildbot-master", KERNEL_A, BUSYBOX_A);
        running.inputs.clear();
        ImageVersion newest = version(2, "buildbot-master", KERNEL_A, BUSYBOX_A);
        newest.inputs.clear();

        assertThat(ReimagePolicy.refreshKind(running, newest), equalTo(RefreshKind.PAVE_OVER));
    }

    @Test
    void shouldBeDueOnceThePeriodHasPassed() {
        Duration day = Duration.ofHours(24);

        assertThat(ReimagePolicy.refreshDue(NOON, day, NOON.plusHours(23)), is(false));
        assertThat(ReimagePolicy.refreshDue(NOON, day, NOON.plusHours(24)), is(true));
        assertThat(ReimagePolicy.refreshDue(null, day, NOON), is(true));
    }

    @Test
    void shouldNameRefreshKindsAsEventsDo() {
        assertThat(RefreshKind.INCREMENTAL.label(), equalTo("incremental"));
        assertThat(RefreshKind.PAVE_OVER.label(), equalTo("pave-over"));
    }
}
