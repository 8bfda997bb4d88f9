package org.relops.imaging;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.relops.support.state.TransitionTable;

/** One machine of a staged rollout: its wave, the version it ran before, and how its reimage went. */
@Entity
@Table(name = "rollout_machine")
@IdClass(RolloutMachine.Key.class)
public class RolloutMachine extends PanacheEntityBase {

    @Id
    @Column(name = "rollout_id")
    public UUID rolloutId;

    @Id
    public String hostname;

    @Column(nullable = false)
    public int wave;

    @Column(name = "from_version", nullable = false)
    public int fromVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RolloutMachineState state;

    /** The reimage that puts the rollout's version on it. */
    @Column(name = "operation_id")
    public UUID operationId;

    public String reason;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static List<RolloutMachine> listOf(UUID rolloutId) {
        return list("rolloutId = ?1 order by wave, hostname", rolloutId);
    }

    /** Where a rollout's machine may go: waiting, reimaging, then healthy or failed for good. */
    static final TransitionTable<RolloutMachineState> TRANSITIONS = TransitionTable
            .of("rollout machine", RolloutMachineState.class)
            .from(RolloutMachineState.WAITING, RolloutMachineState.REIMAGING, RolloutMachineState.FAILED)
            .from(RolloutMachineState.REIMAGING, RolloutMachineState.HEALTHY, RolloutMachineState.FAILED)
            .from(RolloutMachineState.HEALTHY)
            .from(RolloutMachineState.FAILED)
            .build();

    /**
     * The version a running rollout of {@code imageName} is putting on the machine, if it is one of that rollout's
     * machines being reimaged or already healthy: a reboot meanwhile must not take it back to {@code latest}.
     */
    public static Optional<Integer> versionRollingOnto(String hostname, String imageName) {
        return getEntityManager().createQuery("select r.imageVersion from Rollout r, RolloutMachine m"
                        + " where m.rolloutId = r.id and m.hostname = ?1 and r.imageName = ?2 and r.state in ?3"
                        + " and m.state in ?4", Integer.class)
                .setParameter(1, hostname).setParameter(2, imageName)
                .setParameter(3, List.of(RolloutState.FIRST_WAVE, RolloutState.SECOND_WAVE))
                .setParameter(4, List.of(RolloutMachineState.REIMAGING, RolloutMachineState.HEALTHY))
                .setMaxResults(1).getResultStream().findFirst();
    }

    /** Moves to a state its transition table allows (else refused: {@code IllegalTransitionException}). */
    public void moveTo(RolloutMachineState next, String why) {
        TRANSITIONS.check(rolloutId + "/" + hostname, state, next);
        state = next;
        reason = why;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The composite key: one row per machine per rollout. */
    public static class Key implements Serializable {

        public UUID rolloutId;
        public String hostname;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(rolloutId, key.rolloutId)
                    && Objects.equals(hostname, key.hostname);
        }

        @Override
        public int hashCode() {
            return Objects.hash(rolloutId, hostname);
        }
    }
}
