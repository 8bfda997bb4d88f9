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

import org.relops.support.state.TransitionTable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One attempt to put an image version on a machine: a first provisioning or a reimage. It carries
 * the boot's one-time token, what the machine reported when it phoned home, and the event that caused
 * it (so the events it causes keep the request's correlation).
 */
@Entity
@Table(name = "provisioning_operation")
public class ProvisioningOperation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String hostname;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OperationKind kind;

    @Column(nullable = false)
    public String provider;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "image_name", nullable = false)
    public String imageName;

    @Column(name = "image_version", nullable = false)
    public int imageVersion;

    @Column(name = "image_digest", nullable = false)
    public String imageDigest;

    @Column(nullable = false)
    public String role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OperationState state;

    /** Secret: goes into the machine's boot script only, never into events, logs or API responses. */
    @Column(name = "boot_token", nullable = false)
    public String bootToken;

    @Column(name = "token_used", nullable = false)
    public boolean tokenUsed;

    @Column(name = "cause_event_id")
    public String causeEventId;

    @Column(name = "correlation_id")
    public String correlationId;

    /** Who caused this operation (an API caller, or the actor of the event that did); null when nobody did. */
    public String actor;

    public String address;

    public String reason;

    /** The persistent disk as the boot agent found it: fresh, intact, damaged, unmountable or none. */
    @Column(name = "disk_state")
    public String diskState;

    /** How many boots the persistent disk has seen, this one included. */
    @Column(name = "disk_boots")
    public Integer diskBoots;

    /** The kernel boot id the machine reported at its phone-home (a buildbot connection of this boot carries it). */
    @Column(name = "boot_id")
    public String bootId;

    /** A buildbot slave's buildbot.tac: pending, fetched; skipped for other roles. */
    @Column(name = "tac_state")
    public String tacState;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "launched_at")
    public OffsetDateTime launchedAt;

    /** When its provider was asked to launch it (state LAUNCHING). */
    @Column(name = "launch_started_at")
    public OffsetDateTime launchStartedAt;

    /** When the process running the launch last said it still runs it (its claim's lease). */
    @Column(name = "launch_renewed_at")
    public OffsetDateTime launchRenewedAt;

    @Column(name = "booted_at")
    public OffsetDateTime bootedAt;

    /** When the machine first asked for this boot's iPXE script: when it really network-booted. */
    @Column(name = "script_served_at")
    public OffsetDateTime scriptServedAt;

    @Column(name = "last_heartbeat_at")
    public OffsetDateTime lastHeartbeatAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    public static Optional<ProvisioningOperation> findOperation(UUID id) {
        return findByIdOptional(id);
    }

    public static List<ProvisioningOperation> listOf(String hostname) {
        return list("hostname = ?1 order by createdAt", hostname);
    }

    public static List<ProvisioningOperation> listInState(OperationState state) {
        return list("state", state);
    }

    /** Whether a LAUNCHING operation's claim went unrenewed since {@code before}: nobody runs its launch any more. */
    public boolean launchAbandonedBefore(OffsetDateTime before) {
        OffsetDateTime renewed = launchRenewedAt != null ? launchRenewedAt : launchStartedAt;
        return state == OperationState.LAUNCHING && renewed != null && renewed.isBefore(before);
    }

    /** Renews the claims of the launches this process runs, in one statement. */
    public static void renewLaunches(java.util.Collection<UUID> ids, OffsetDateTime now) {
        if (!ids.isEmpty()) {
            update("launchRenewedAt = ?1 where id in ?2 and state = ?3", now, ids, OperationState.LAUNCHING);
        }
    }

    public String imageLabel() {
        return imageName + ":" + imageVersion;
    }

    /** Where an operation may go from each state; it ends FAILED or CANCELLED, and never starts again. */
    static final TransitionTable<OperationState> TRANSITIONS = TransitionTable.of("operation", OperationState.class)
            .from(OperationState.PENDING, OperationState.LAUNCHING, OperationState.FAILED, OperationState.CANCELLED)
            .from(OperationState.LAUNCHING, OperationState.BOOTING, OperationState.BOOTED, OperationState.FAILED,
                    OperationState.CANCELLED)
            .from(OperationState.BOOTING, OperationState.BOOTED, OperationState.FAILED, OperationState.CANCELLED)
            .from(OperationState.BOOTED, OperationState.FAILED, OperationState.CANCELLED)
            .from(OperationState.FAILED)
            .from(OperationState.CANCELLED)
            .build();

    /** Moves to a state its transition table allows (else refused: {@code IllegalTransitionException}). */
    public void moveTo(OperationState next) {
        TRANSITIONS.check(String.valueOf(id), state, next);
        state = next;
    }

    public void finish(OperationState end, String why) {
        moveTo(end);
        reason = why;
        finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
}
