package org.relops.request.messaging;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.model.event.DnsRecordPublished;
import org.relops.model.event.DnsRecordRemoved;
import org.relops.model.event.HostReleased;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineDecommissioned;
import org.relops.model.event.MachineFailed;
import org.relops.model.event.MachineProvisioning;
import org.relops.model.event.MachineReady;
import org.relops.model.event.MasterEnabled;
import org.relops.model.event.RelopsEvent;
import org.relops.model.event.RequestDecommissioned;
import org.relops.model.event.RequestFailed;
import org.relops.model.event.RequestFulfilled;
import org.relops.model.event.RequestSubmitted;
import org.relops.model.event.RequestUnplaceable;
import org.relops.model.event.SlaveAllocated;
import org.relops.model.event.SlaveConnected;
import org.relops.model.event.SlaveReleased;
import org.relops.request.Machine;
import org.relops.request.MachineState;
import org.relops.request.ProvisioningRequest;
import org.relops.request.RequestState;
import org.relops.request.service.Failover;
import org.relops.request.service.RequestService;
import org.relops.request.service.RunawayGuard;
import org.relops.support.consume.EventContext;
import org.relops.support.consume.EventHandler;
import org.relops.support.outbox.EventOutbox;

/**
 * Follows each request through the other services' events: a machine is ready once it booted, is
 * in DNS and (for buildbot slaves) has a master; a request is fulfilled once all its machines are.
 * Backwards, a machine is decommissioned once its slave is released, its DNS records removed and its
 * system freed. Events may arrive in any order; each only records what it confirms.
 */
@ApplicationScoped
public class RequestSaga implements EventHandler {

    private static final Logger LOG = Logger.getLogger(RequestSaga.class);

    @Inject
    EventOutbox outbox;

    @Inject
    RequestService requests;

    @Inject
    Failover failover;

    @Inject
    RunawayGuard guard;

    @Override
    public Set<Class<? extends RelopsEvent>> handles() {
        return Set.of(RequestSubmitted.class, HostReserved.class, RequestUnplaceable.class, MachineProvisioning.class,
                MachineBooted.class, DnsRecordPublished.class, SlaveAllocated.class, SlaveConnected.class,
                MasterEnabled.class, MachineFailed.class,
                SlaveReleased.class, DnsRecordRemoved.class, HostReleased.class);
    }

    @Override
    public void handle(RelopsEvent event, EventContext context) {
        if (event instanceof RequestSubmitted submitted) {
            request(submitted.requestId())
                    .filter(request -> request.state == RequestState.SUBMITTED)
                    .ifPresent(request -> request.moveTo(RequestState.PLACING, null));
        } else if (event instanceof HostReserved reserved) {
            machine(reserved.hostname()).ifPresent(machine -> onReserved(machine, reserved, context));
        } else if (event instanceof RequestUnplaceable unplaceable) {
            request(unplaceable.requestId()).ifPresent(request -> onUnplaceable(request, unplaceable, context));
        } else if (event instanceof MachineProvisioning provisioning) {
            machine(provisioning.hostname()).filter(this::isComingUpOrRebooting)
                    .filter(machine -> !announcesABootSeenAlready(machine, context)).ifPresent(machine -> {
                if (machine.state == MachineState.READY) {
                    // Rebooted or reimaged: not doing its role until it booted again and did it in this boot.
                    machine.booted = false;
                    machine.masterEnabled = false;
                }
                machine.imageVersion = provisioning.imageVersion();
                machine.imageDigest = provisioning.imageDigest();
                machine.moveTo(MachineState.PROVISIONING, null);
            });
        } else if (event instanceof MachineBooted booted) {
            machine(booted.hostname()).ifPresent(machine -> onBooted(machine, booted, context));
        } else if (event instanceof DnsRecordPublished published) {
            machine(published.hostname()).ifPresent(machine -> {
                machine.inDns = true;
                machine.fqdn = published.fqdn();
                checkReady(machine, context);
            });
        } else if (event instanceof SlaveAllocated allocated) {
            machine(allocated.slave()).ifPresent(machine -> {
                machine.master = allocated.masterFqdn() != null ? allocated.masterFqdn() : allocated.master();
                checkReady(machine, context);
            });
        } else if (event instanceof SlaveConnected connected) {
            machine(connected.slave()).ifPresent(machine -> {
                machine.connectedBootId = connected.bootId();
                checkReady(machine, context);
            });
        } else if (event instanceof MasterEnabled enabled) {
            machine(enabled.master()).ifPresent(machine -> {
                machine.masterEnabled = true;
                machine.webUrl = enabled.webUrl();
                checkReady(machine, context);
            });
        } else if (event instanceof MachineFailed failed) {
            machine(failed.hostname()).ifPresent(machine -> onFailed(machine, failed, context));
        } else if (event instanceof SlaveReleased released) {
            machine(released.slave()).filter(Machine::isBeingTakenDown).ifPresent(machine -> {
                machine.slaveReleased = true;
                checkTakenDown(machine, context);
            });
        } else if (event instanceof DnsRecordRemoved removed) {
            machine(removed.hostname()).filter(Machine::isBeingTakenDown).ifPresent(machine -> {
                machine.dnsRemoved = true;
                machine.inDns = false;
                checkTakenDown(machine, context);
            });
        } else if (event instanceof HostReleased released) {
            machine(released.hostname()).filter(Machine::isBeingTakenDown).ifPresent(machine -> {
                machine.hostReleased = true;
                checkTakenDown(machine, context);
            });
        }
    }

    private void onReserved(Machine machine, HostReserved reserved, EventContext context) {
        machine.systemName = reserved.systemName();
        ProvisioningRequest request = machine.request;
        if (request.state.isBeingTakenDown()) {
            // Placed after the request was cancelled: take the late reservation down too.
            request.moveTo(RequestState.DECOMMISSIONING, null);
            requests.takeDown(machine, request.wipeVolumes);
            return;
        }
        if (machine.state == MachineState.PENDING || machine.state == MachineState.REPLACING) {
            machine.moveTo(MachineState.RESERVED, null);
        }
        if (request.state == RequestState.SUBMITTED || request.state == RequestState.PLACING) {
            request.moveTo(RequestState.PROVISIONING, null);
            // Events of different services overtake each other (two replicas, redeliveries): the request's
            // machines may all be ready before the last of its reservations is handled.
            checkFulfilled(request, context);
        }
    }

    private void onUnplaceable(ProvisioningRequest request, RequestUnplaceable unplaceable, EventContext context) {
        if (request.state.isBeingTakenDown() || request.state == RequestState.FAILED) {
            return;
        }
        boolean replacement = request.machines.stream().anyMatch(machine -> machine.state == MachineState.REPLACING);
        String reason = replacement ? "no system to replace a failed machine on: " + unplaceable.reason()
                : unplaceable.reason();
        request.moveTo(RequestState.FAILED, reason);
        request.machines.stream()
                .filter(machine -> !replacement || machine.state == MachineState.REPLACING)
                .forEach(machine -> machine.moveTo(MachineState.FAILED, "not placed: " + unplaceable.reason()));
        outbox.emit(new RequestFailed(request.id, reason), context);
    }

    /**
     * Whether a machine.provisioning was emitted before the boot already handled: it announced that boot (or an
     * earlier one) and came late, which events of several replicas, or redelivered, do. Only one emitted after it
     * is a reboot or reimage.
     */
    private static boolean announcesABootSeenAlready(Machine machine, EventContext context) {
        return machine.bootedEventAt != null && context.time() != null && !context.time().isAfter(machine.bootedEventAt);
    }

    private void onBooted(Machine machine, MachineBooted booted, EventContext context) {
        if (machine.bootedEventAt == null || context.time() == null || context.time().isAfter(machine.bootedEventAt)) {
            machine.bootedEventAt = context.time();
        }
        machine.booted = true;
        machine.address = booted.address();
        machine.imageVersion = booted.imageVersion();
        machine.imageDigest = booted.imageDigest();
        machine.buildbotSlave = booted.buildbotSlave();
        machine.role = booted.role();
        machine.bootId = booted.bootId();
        guard.recordBoot(machine.request.image, machine.request.imageVersionOf(machine));
        if (isComingUp(machine)) {
            machine.moveTo(MachineState.BOOTED, null);
            checkReady(machine, context);
        }
    }

    private void onFailed(Machine machine, MachineFailed failed, EventContext context) {
        if (machine.isBeingTakenDown() || machine.state == MachineState.FAILED || machine.state == MachineState.REPLACING) {
            return;
        }
        failover.onMachineFailed(machine, failed.reason(), failed.imageStarted(), context);
    }

    private void checkReady(Machine machine, EventContext context) {
        if (!isComingUp(machine) || !machine.isReadyToServe()) {
            return;
        }
        machine.moveTo(MachineState.READY, null);
        outbox.emit(new MachineReady(machine.request.id, machine.hostname, machine.address, machine.master), context);
        checkFulfilled(machine.request, context);
    }

    private void checkFulfilled(ProvisioningRequest request, EventContext context) {
        if (request.state == RequestState.PROVISIONING && request.allLiveMachinesReady()) {
            request.moveTo(RequestState.FULFILLED, null);
            outbox.emit(new RequestFulfilled(request.id), context);
            LOG.infof("request %s fulfilled: %d machines ready", request.id, request.count);
        }
    }

    private void checkTakenDown(Machine machine, EventContext context) {
        if (machine.state != MachineState.DECOMMISSIONING || !machine.isFullyTakenDown()) {
            return;
        }
        machine.moveTo(MachineState.DECOMMISSIONED, null);
        outbox.emit(new MachineDecommissioned(machine.request.id, machine.hostname), context);
        ProvisioningRequest request = machine.request;
        if (request.state != RequestState.DECOMMISSIONED && request.allMachinesIn(MachineState.DECOMMISSIONED)) {
            // a request given up keeps saying why once its machines are gone
            request.moveTo(RequestState.DECOMMISSIONED, request.state == RequestState.FAILED ? request.reason : null);
            outbox.emit(new RequestDecommissioned(request.id), context);
            LOG.infof("request %s decommissioned", request.id);
        }
    }

    private boolean isComingUpOrRebooting(Machine machine) {
        return isComingUp(machine) || machine.state == MachineState.READY;
    }

    private boolean isComingUp(Machine machine) {
        return machine.state != MachineState.FAILED && !machine.isBeingTakenDown() && machine.state != MachineState.READY;
    }

    private static Optional<ProvisioningRequest> request(String id) {
        return id == null ? Optional.empty() : ProvisioningRequest.lockById(id);
    }

    private static Optional<Machine> machine(String hostname) {
        return hostname == null ? Optional.empty() : Machine.lockByHostname(hostname);
    }
}
