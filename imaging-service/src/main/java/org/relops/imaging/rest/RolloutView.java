package org.relops.imaging.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.relops.imaging.Rollout;
import org.relops.imaging.RolloutMachine;
import org.relops.imaging.RolloutMachineState;
import org.relops.imaging.RolloutState;

/** A rollout with its waves and how each machine's reimage went. */
public record RolloutView(
        UUID id,
        String image,
        int imageVersion,
        String imageDigest,
        String appEnvironment,
        int firstPercent,
        RolloutState state,
        String reason,
        OffsetDateTime createdAt,
        String startedBy,
        OffsetDateTime updatedAt,
        List<Wave> waves) {

    /** One wave: 1 (the first {@code firstPercent}) or 2 (the rest). */
    public record Wave(int wave, List<MachineStatus> machines) {
    }

    /** One machine of a wave. */
    public record MachineStatus(String hostname, int fromVersion, RolloutMachineState state, String reason,
            OffsetDateTime updatedAt) {
    }

    static RolloutView of(Rollout rollout) {
        List<RolloutMachine> members = RolloutMachine.listOf(rollout.id);
        List<Wave> waves = List.of(1, 2).stream().map(wave -> new Wave(wave, members.stream()
                .filter(m -> m.wave == wave)
                .map(m -> new MachineStatus(m.hostname, m.fromVersion, m.state, m.reason, m.updatedAt))
                .toList())).toList();
        return new RolloutView(rollout.id, rollout.imageName, rollout.imageVersion, rollout.imageDigest,
                rollout.appEnvironment, rollout.firstPercent, rollout.state, rollout.reason, rollout.createdAt,
                rollout.startedBy, rollout.updatedAt, waves);
    }
}
