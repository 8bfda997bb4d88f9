package org.relops.request;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.relops.support.state.IllegalTransitionException;
import org.relops.support.state.TransitionTable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One machine of a request, as the other services' events describe it: its system, address, DNS
 * name, master, and which steps of provisioning or decommissioning have been confirmed.
 */
@Entity
@Table(name = "machine")
public class Machine extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "request_id")
    public ProvisioningRequest request;

    @Column(nullable = false, unique = true)
    public String hostname;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MachineState state = MachineState.PENDING;

    @Column(name = "system_name")
    public String systemName;

    public String address;

    public String fqdn;

    @Column(name = "image_version")
    public String imageVersion;

    @Column(name = "image_digest")
    public String imageDigest;

    @Column(name = "buildbot_slave", nullable = false)
    public boolean buildbotSlave;

    @Column(nullable = false)
    public boolean booted;

    @Column(name = "in_dns", nullable = false)
    public boolean inDns;

    public String master;

    /** The role of the image version the machine booted ({@code buildbot-slave}, {@code buildbot-master}, ...). */
    public String role;

    /** The kernel boot id of the machine's current boot, as its machine.booted said. */
    @Column(name = "boot_id")
    public String bootId;

    /** When imaging-service announced the current boot (its machine.booted's time; null: none seen yet). */
    @Column(name = "booted_event_at")
    public OffsetDateTime bootedEventAt;

    /** The boot in which slavealloc-service last saw this slave's worker connected to its master. */
    @Column(name = "connected_boot_id")
    public String connectedBootId;

    /** Whether slavealloc-service enabled this buildbot master in its pool (its REST API answered). */
    @Column(name = "master_enabled", nullable = false)
    public boolean masterEnabled;

    /** A buildbot master's web address (its REST API). */
    @Column(name = "web_url")
    public String webUrl;

    @Column(name = "slave_released", nullable = false)
    public boolean slaveReleased;

    @Column(name = "dns_removed", nullable = false)
    public boolean dnsRemoved;

    @Column(name = "host_released", nullable = false)
    public boolean hostReleased;

    public String reason;

    @Column(nullable = false)
    public int replacements;

    @Column(name = "state_changed_at", nullable = false)
    public OffsetDateTime stateChangedAt;

    public static Optional<Machine> findByHostname(String hostname) {
        return find("hostname", hostname).firstResultOptional();
    }

    /** The machine, read after its request's row lock is held ({@link ProvisioningRequest#lockById}). */
    public static Optional<Machine> lockByHostname(String hostname) {
        Optional<String> requestId = getEntityManager()
                .createQuery("select m.request.id from Machine m where m.hostname = ?1", String.class)
                .setParameter(1, hostname).getResultStream().findFirst();
        return requestId.flatMap(ProvisioningRequest::lockById).flatMap(locked -> findByHostname(hostname));
    }

    /**
     * Where a machine may go from each state. Events from different services arrive in any order, so a machine
     * coming up may skip ahead (booted before its provisioning is confirmed); a late reservation for a machine
     * taken down already takes it down again.
     */
    static final TransitionTable<MachineState> TRANSITIONS;

    static {
        MachineState[] comingUp = {MachineState.RESERVED, MachineState.PROVISIONING, MachineState.BOOTED,
                MachineState.READY, MachineState.REPLACING, MachineState.FAILED, MachineState.DECOMMISSIONING};
        TRANSITIONS = TransitionTable.of("machine", MachineState.class)
                .from(MachineState.PENDING, comingUp)
                .from(MachineState.RESERVED, comingUp)
                .from(MachineState.PROVISIONING, comingUp)
                .from(MachineState.BOOTED, comingUp)
                .from(MachineState.REPLACING, comingUp)
                .from(MachineState.READY, MachineState.PROVISIONING, MachineState.REPLACING, MachineState.FAILED,
                        MachineState.DECOMMISSIONING)
                .from(MachineState.FAILED, MachineState.DECOMMISSIONING)
                .from(MachineState.DECOMMISSIONING, MachineState.DECOMMISSIONED)
                .from(MachineState.DECOMMISSIONED, MachineState.DECOMMISSIONING)
                .build();
    }

    /** Moves to a state its transition table allows (else refused: {@link IllegalTransitionException}). */
    public void moveTo(MachineState next, String why) {
        TRANSITIONS.check(hostname, state, next);
        state = next;
        reason = why;
        stateChangedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The image role of a buildbot master. */
    public static final String MASTER_ROLE = "buildbot-master";

    /**
     * Booted, in DNS, and doing its role: a buildbot slave's worker connected to its master in this boot, a
     * buildbot master enabled in its pool once its REST API answered.
     */
    public boolean isReadyToServe() {
        return booted && inDns && (!buildbotSlave || isWorkerConnected()) && (!isMaster() || masterEnabled);
    }

    public boolean isMaster() {
        return MASTER_ROLE.equals(role);
    }

    /** Whether the slave's worker was seen connected in its current boot. */
    public boolean isWorkerConnected() {
        return master != null && connectedBootId != null && connectedBootId.equals(bootId);
    }

    /** Released by slavealloc, removed from DNS, destroyed and its system freed. */
    public boolean isFullyTakenDown() {
        return slaveReleased && dnsRemoved && hostReleased;
    }

    public boolean isBeingTakenDown() {
        return state == MachineState.DECOMMISSIONING || state == MachineState.DECOMMISSIONED;
    }
}
