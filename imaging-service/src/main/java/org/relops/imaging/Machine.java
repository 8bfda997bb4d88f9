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
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.relops.support.state.TransitionTable;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.relops.imaging.provider.ProviderMachine;
import org.relops.model.value.NetworkAttachment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * A machine imaging-service provisioned, by hostname: its system, provider and hardware identity as
 * {@code host.reserved} gave them, and the operation that currently owns it.
 */
@Entity
@Table(name = "machine")
public class Machine extends PanacheEntityBase {

    @Id
    public String hostname;

    @Column(name = "system_name")
    public String systemName;

    @Column(nullable = false)
    public String provider;

    public String mac;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "app_environment")
    public String appEnvironment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MachineState state;

    @Column(name = "current_operation_id")
    public UUID currentOperationId;

    /** The address the machine answers at once booted (always its assigned address); null before. */
    public String address;

    /** The segment its NIC is on, as inventory-service assigned it (host.reserved). */
    public String segment;

    @Column(name = "segment_cidr")
    public String segmentCidr;

    public String gateway;

    /** Its fixed address on the segment, as inventory-service assigned it; a phone-home must come from it. */
    @Column(name = "assigned_address")
    public String assignedAddress;

    /** The opaque per-provider part of its system's identity (BMC address, secret reference, ...). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "provider_identity", nullable = false)
    public java.util.Map<String, String> providerIdentity = java.util.Map.of();

    /** The version the machine's request pinned; null: every-boot and periodic roles get the newest. */
    @Column(name = "pinned_version")
    public Integer pinnedVersion;

    /** When a periodic refresh last started on it. */
    @Column(name = "last_refresh_at")
    public OffsetDateTime lastRefreshAt;

    /** The version its boot agent has been told to apply in place (incremental refresh), until it reports it. */
    @Column(name = "refresh_version")
    public Integer refreshVersion;

    @Column(name = "refresh_requested_at")
    public OffsetDateTime refreshRequestedAt;

    /** While DESTROYING: whether its persistent volumes go too, and the decommission that asked for it. */
    @Column(name = "destroy_wipe")
    public Boolean destroyWipe;

    @Column(name = "destroy_request_id")
    public String destroyRequestId;

    @Column(name = "destroy_cause_event_id")
    public String destroyCauseEventId;

    @Column(name = "destroy_correlation_id")
    public String destroyCorrelationId;

    @Column(name = "destroy_actor")
    public String destroyActor;

    /** Failed attempts at destroying it, when the next is due, and why the last failed. */
    @Column(name = "destroy_attempts", nullable = false)
    public int destroyAttempts;

    @Column(name = "destroy_next_at")
    public OffsetDateTime destroyNextAt;

    @Column(name = "destroy_error")
    public String destroyError;

    /**
     * The wipe step, for a provider that wipes by booting the machine (bare metal): the one-time token its wipe
     * boot reports with, when that boot was started, when (and how many bytes) it reported the volume wiped, and
     * how many wipe boots were started.
     */
    @Column(name = "wipe_token")
    public String wipeToken;

    @Column(name = "wipe_started_at")
    public OffsetDateTime wipeStartedAt;

    @Column(name = "wiped_at")
    public OffsetDateTime wipedAt;

    @Column(name = "wiped_bytes")
    public Long wipedBytes;

    @Column(name = "wipe_boots", nullable = false)
    public int wipeBoots;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Its network identity, as host.reserved gave it. */
    public NetworkAttachment network() {
        return new NetworkAttachment(segment, segmentCidr, gateway, mac, assignedAddress);
    }

    /** The machine as its provider is told of it. */
    public ProviderMachine providerMachine() {
        return new ProviderMachine(hostname, systemName, network(), providerIdentity);
    }

    /** Records the network identity host.reserved gave it. */
    public void attachTo(NetworkAttachment network) {
        mac = network == null ? null : network.mac();
        segment = network == null ? null : network.segment();
        segmentCidr = network == null ? null : network.cidr();
        gateway = network == null ? null : network.gateway();
        assignedAddress = network == null ? null : network.address();
    }

    /** Machines still provisioned (not destroyed) on a segment. */
    public static java.util.List<Machine> onSegment(String segment) {
        return list("segment = ?1 and state <> ?2", segment, MachineState.DESTROYED);
    }

    /** Every machine imaging-service knows, destroyed ones included, by hostname. */
    public static PanacheQuery<Machine> findAllByHostname() {
        return find("order by hostname");
    }

    public static Optional<Machine> findByHostname(String hostname) {
        return findByIdOptional(hostname);
    }

    /** The machine's row, locked against a concurrent launch, reimage or destroy until the transaction ends. */
    public static Optional<Machine> lockByHostname(String hostname) {
        return findByIdOptional(hostname, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The machines' rows, locked together in hostname order (one statement), as {@link #lockByHostname} locks one. */
    public static List<Machine> lockAll(java.util.Collection<String> hostnames) {
        return getEntityManager().createQuery("from Machine where hostname in ?1 order by hostname", Machine.class)
                .setParameter(1, hostnames)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /** The machine's row locked, or empty when it does not exist or another transaction holds it (SKIP LOCKED). */
    public static Optional<Machine> lockIfFree(String hostname) {
        return getEntityManager().createQuery("from Machine where hostname = ?1", Machine.class)
                .setParameter(1, hostname)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2)
                .getResultStream().findFirst();
    }

    /**
     * The machine a MAC belongs to now. A system can pass from a failed machine to a new one while the failed
     * one is kept for a look: the newest machine on it is the one that boots.
     */
    public static Optional<Machine> findByMac(String mac) {
        return find("lower(mac) = ?1 and state <> ?2 order by updatedAt desc", mac.toLowerCase(java.util.Locale.ROOT),
                MachineState.DESTROYED).firstResultOptional();
    }

    /** Whether it is gone or going: nothing may be started on it any more. */
    public boolean isDecommissioned() {
        return state == MachineState.DESTROYING || state == MachineState.DESTROYED;
    }

    /**
     * Where a machine may go from each state: a hostname destroyed may be provisioned again, but nothing else
     * happens to a machine being destroyed than its destruction.
     */
    static final TransitionTable<MachineState> TRANSITIONS = TransitionTable.of("machine", MachineState.class)
            .from(MachineState.PROVISIONING, MachineState.BOOTED, MachineState.FAILED, MachineState.DESTROYING)
            .from(MachineState.BOOTED, MachineState.PROVISIONING, MachineState.FAILED, MachineState.DESTROYING)
            .from(MachineState.FAILED, MachineState.PROVISIONING, MachineState.DESTROYING)
            .from(MachineState.DESTROYING, MachineState.DESTROYED)
            .from(MachineState.DESTROYED, MachineState.PROVISIONING)
            .build();

    /** Moves to a state its transition table allows (else refused: {@code IllegalTransitionException}). */
    public void moveTo(MachineState next) {
        TRANSITIONS.check(hostname, state, next);
        state = next;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
}
