package org.relops.imaging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;

import org.relops.support.state.TransitionTable;

/**
 * A staged rollout of one image version to the machines running an older version of that image: a
 * first wave of {@code firstPercent}, then the rest once those came up healthy.
 */
@Entity
@Table(name = "rollout")
public class Rollout extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "image_name", nullable = false)
    public String imageName;

    @Column(name = "image_version", nullable = false)
    public int imageVersion;

    @Column(name = "image_digest", nullable = false)
    public String imageDigest;

    @Column(name = "app_environment")
    public String appEnvironment;

    @Column(name = "first_percent", nullable = false)
    public int firstPercent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RolloutState state;

    public String reason;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** Who started it (the token's subject); its later waves and events are done in that name. */
    @Column(name = "started_by")
    public String startedBy;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static Optional<Rollout> findRollout(UUID id) {
        return findByIdOptional(id);
    }

    /** Every rollout, newest first (the id orders two started in the same instant). */
    public static PanacheQuery<Rollout> findNewestFirst() {
        return find("order by createdAt desc, id desc");
    }

    public static List<UUID> runningIds() {
        return getEntityManager().createQuery("select r.id from Rollout r where r.state in ?1 order by r.createdAt",
                UUID.class).setParameter(1, List.of(RolloutState.FIRST_WAVE, RolloutState.SECOND_WAVE)).getResultList();
    }

    public static Optional<Rollout> findRunning(String imageName) {
        return find("imageName = ?1 and state in ?2", imageName,
                List.of(RolloutState.FIRST_WAVE, RolloutState.SECOND_WAVE)).firstResultOptional();
    }

    /** The rollout's row if it is still running and no other replica is advancing it right now (SKIP LOCKED). */
    public static Optional<Rollout> lockIfRunningAndFree(UUID id) {
        return getEntityManager().createQuery("from Rollout where id = ?1 and state in ?2", Rollout.class)
                .setParameter(1, id)
                .setParameter(2, List.of(RolloutState.FIRST_WAVE, RolloutState.SECOND_WAVE))
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2)
                .getResultStream().findFirst();
    }

    public String label() {
        return imageName + ":" + imageVersion;
    }

    /** Where a rollout may go from each state: its waves in order, and it ends COMPLETED or HALTED. */
    static final TransitionTable<RolloutState> TRANSITIONS = TransitionTable.of("rollout", RolloutState.class)
            .from(RolloutState.FIRST_WAVE, RolloutState.SECOND_WAVE, RolloutState.COMPLETED, RolloutState.HALTED)
            .from(RolloutState.SECOND_WAVE, RolloutState.COMPLETED)
            .from(RolloutState.COMPLETED)
            .from(RolloutState.HALTED)
            .build();

    /** Moves to a state its transition table allows (else refused: {@code IllegalTransitionException}). */
    public void moveTo(RolloutState next, String why) {
        TRANSITIONS.check(String.valueOf(id), state, next);
        state = next;
        reason = why;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
}
