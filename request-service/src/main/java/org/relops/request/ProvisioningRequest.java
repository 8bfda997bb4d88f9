package org.relops.request;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.relops.support.state.IllegalTransitionException;
import org.relops.support.state.TransitionTable;
import org.relops.model.value.PlacementConstraints;
import org.relops.model.value.Spread;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A request for machines: what was asked, its state, and its machines. */
@Entity
@Table(name = "provisioning_request")
public class ProvisioningRequest extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String image;

    @Column(name = "image_version")
    public String imageVersion;

    @Column(nullable = false)
    public int count;

    @Column(name = "app_environment", nullable = false)
    public String appEnvironment;

    @Column(name = "hostname_prefix", nullable = false)
    public String hostnamePrefix;

    public String datacenter;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Spread spread = Spread.NONE;

    @Column(name = "hardware_class")
    public String hardwareClass;

    @Column(name = "idempotency_key", unique = true)
    public String idempotencyKey;

    /** How the request came: {@code rest} or {@code amqp}. */
    @Column(name = "requested_via")
    public String requestedVia;

    /** Who asked, when the channel vouches for it (the AMQP {@code user-id} the broker validated); else null. */
    @Column(name = "requested_by")
    public String requestedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestState state;

    public String reason;

    @Column(name = "wipe_volumes", nullable = false)
    public boolean wipeVolumes;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "state_changed_at", nullable = false)
    public OffsetDateTime stateChangedAt;

    @Column(name = "stuck_reported_at")
    public OffsetDateTime stuckReportedAt;

    @OneToMany(mappedBy = "request", cascade = CascadeType.ALL)
    @OrderBy("hostname")
    public List<Machine> machines = new ArrayList<>();

    /**
     * The request with its row locked until the transaction ends. Every change to a request or its machines takes
     * this lock first, so that changes from events handled side by side (by two threads or two replicas) are applied
     * one after the other instead of one overwriting the other.
     */
    public static Optional<ProvisioningRequest> lockById(String id) {
        return Optional.ofNullable(getEntityManager().find(ProvisioningRequest.class, id,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
    }

    public static Optional<ProvisioningRequest> findByIdempotencyKey(String key) {
        return find("idempotencyKey", key).firstResultOptional();
    }

    public PlacementConstraints constraints() {
        return new PlacementConstraints(datacenter, spread, hardwareClass);
    }

    /**
     * Where a request may go from each state. Its machines may be decommissioned one by one, so a request whose
     * last machine is gone is decommissioned from whatever state it was in; a late reservation for a request
     * taken down already takes that machine down too, so a decommissioned request may go back to decommissioning.
     */
    static final TransitionTable<RequestState> TRANSITIONS = TransitionTable.of("request", RequestState.class)
            .from(RequestState.SUBMITTED, RequestState.PLACING, RequestState.PROVISIONING, RequestState.FAILED,
                    RequestState.DECOMMISSIONING)
            .from(RequestState.PLACING, RequestState.PROVISIONING, RequestState.FAILED, RequestState.DECOMMISSIONING)
            .from(RequestState.PROVISIONING, RequestState.FULFILLED, RequestState.FAILED,
                    RequestState.DECOMMISSIONING, RequestState.DECOMMISSIONED)
            .from(RequestState.FULFILLED, RequestState.PROVISIONING, RequestState.FAILED,
                    RequestState.DECOMMISSIONING, RequestState.DECOMMISSIONED)
            .from(RequestState.FAILED, RequestState.DECOMMISSIONING, RequestState.DECOMMISSIONED)
            .from(RequestState.DECOMMISSIONING, RequestState.DECOMMISSIONED)
            .from(RequestState.DECOMMISSIONED, RequestState.DECOMMISSIONING)
            .build();

    /** Moves to a state its transition table allows (else refused: {@link IllegalTransitionException}). */
    public void moveTo(RequestState next, String why) {
        TRANSITIONS.check(id, state, next);
        state = next;
        reason = why;
        stateChangedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public boolean allMachinesIn(MachineState machineState) {
        return machines.stream().allMatch(machine -> machine.state == machineState);
    }

    /**
     * Every machine that is not being (or has not been) taken down is ready. Counted by the database rather than by
     * loading the machines: it is asked at every machine that becomes ready, and a request may have a thousand. The
     * query flushes the persistence context's changes first (the machine that just became ready among them).
     */
    public boolean allLiveMachinesReady() {
        return Machine.count("request = ?1 and state not in ?2", this,
                java.util.EnumSet.of(MachineState.READY, MachineState.DECOMMISSIONING, MachineState.DECOMMISSIONED)) == 0;
    }

    /** The image version a machine runs, or the one asked for, or {@code latest}. */
    public String imageVersionOf(Machine machine) {
        if (machine.imageVersion != null) {
            return machine.imageVersion;
        }
        return imageVersion != null ? imageVersion : "latest";
    }

    public boolean isUnfinished() {
        return state == RequestState.SUBMITTED || state == RequestState.PLACING || state == RequestState.PROVISIONING
                || state == RequestState.DECOMMISSIONING;
    }
}
