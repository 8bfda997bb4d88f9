package org.relops.request.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.RequestSubmitted;
import org.relops.request.Machine;
import org.relops.request.MachineState;
import org.relops.request.ProvisioningRequest;
import org.relops.request.RequestState;
import org.relops.support.audit.AuditTrail;
import org.relops.support.consume.EventContext;
import org.relops.support.outbox.EventOutbox;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;
import org.relops.support.rest.ProblemException;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Submits, finds and decommissions requests. Every state change emits its events in the same transaction. */
@ApplicationScoped
public class RequestService {

    @Inject
    HostnameAllocator hostnames;

    @Inject
    EventOutbox outbox;

    @Inject
    AuditTrail audit;

    /** The outcome of a submission: the request, and whether this call created it. */
    public record Submission(ProvisioningRequest request, boolean created) {
    }

    /**
     * Records a request and emits {@code request.submitted}. A retry with the same idempotency key (or
     * the same publisher-chosen id) returns the first request instead of making a second; the same key
     * for a different request is refused. Safe against concurrent retries: the loser of the race on the
     * unique key finds the winner's request.
     */
    public Submission submit(NewRequest request, String requestId, String idempotencyKey, Requester requester) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> submitOnce(request, requestId, idempotencyKey,
                    requester));
        } catch (PersistenceException raceLost) {
            return QuarkusTransaction.requiringNew().call(() -> existing(request, requestId, idempotencyKey)
                    .map(found -> new Submission(found, false))
                    .orElseThrow(() -> raceLost));
        }
    }

    /** Who asked for a request: the channel it came by and, when that channel vouches for it, the user. */
    public record Requester(String via, String user) {

        public static final Requester REST = new Requester("rest", null);
    }

    private Submission submitOnce(NewRequest request, String requestId, String idempotencyKey, Requester requester) {
        Optional<ProvisioningRequest> earlier = existing(request, requestId, idempotencyKey);
        if (earlier.isPresent()) {
            return new Submission(earlier.get(), false);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ProvisioningRequest entity = new ProvisioningRequest();
        entity.id = requestId != null ? requestId : UUID.randomUUID().toString();
        entity.image = request.image().name();
        entity.imageVersion = request.image().version();
        entity.count = request.count();
        entity.appEnvironment = request.appEnvironment();
        entity.hostnamePrefix = request.hostnamePrefix();
        entity.datacenter = request.constraints().datacenter();
        entity.spread = request.constraints().spread();
        entity.hardwareClass = request.constraints().hardwareClass();
        entity.idempotencyKey = idempotencyKey;
        entity.requestedVia = requester.via();
        entity.requestedBy = requester.user();
        entity.createdAt = now;
        entity.moveTo(RequestState.SUBMITTED, null);
        List<String> names = hostnames.allocate(request.hostnamePrefix(), request.count());
        for (String hostname : names) {
            Machine machine = new Machine();
            machine.request = entity;
            machine.hostname = hostname;
            machine.moveTo(MachineState.PENDING, null);
            entity.machines.add(machine);
        }
        entity.persistAndFlush();
        // the requester is who the channel vouched for: the token's subject, or the intake publisher's broker user
        outbox.emit(new RequestSubmitted(entity.id, entity.image, entity.imageVersion, entity.count,
                entity.appEnvironment, names, entity.constraints()), EventContext.of(null, null, requester.user()));
        String detail = entity.count + " × " + entity.image + (entity.imageVersion == null ? "" : " version "
                + entity.imageVersion) + " for " + entity.appEnvironment + ", via " + entity.requestedVia;
        audit.recordAs(requester.user(), "request/" + entity.id, "created", detail);
        return new Submission(entity, true);
    }

    private Optional<ProvisioningRequest> existing(NewRequest request, String requestId, String idempotencyKey) {
        Optional<ProvisioningRequest> earlier = idempotencyKey != null
                ? ProvisioningRequest.findByIdempotencyKey(idempotencyKey)
                : Optional.ofNullable(requestId).flatMap(id -> ProvisioningRequest.<ProvisioningRequest>findByIdOptional(id));
        earlier.ifPresent(found -> {
            found.machines.size();
            if (!request.sameAs(found.image, found.imageVersion, found.count, found.appEnvironment)) {
                throw ProblemException.unprocessable("request " + found.id + " was already submitted with this "
                        + (idempotencyKey != null ? "Idempotency-Key" : "id") + " but asks for something else");
            }
        });
        return earlier;
    }

    @Transactional
    public Optional<ProvisioningRequest> findRequestById(String id) {
        return ProvisioningRequest.<ProvisioningRequest>findByIdOptional(id).map(request -> {
            request.machines.size();
            return request;
        });
    }

    /** One page of the requests (in one state, or all), newest first, each with its machines loaded. */
    @Transactional
    public ListPage<ProvisioningRequest> listRequests(RequestState state, PageParams page) {
        PanacheQuery<ProvisioningRequest> query = state == null
                ? ProvisioningRequest.find("order by createdAt desc, id")
                : ProvisioningRequest.find("state = ?1 order by createdAt desc, id", state);
        return ListPage.of(query, page, request -> {
            request.machines.size();
            return request;
        });
    }

    /**
     * Starts taking a request's machines down: each is released, removed from DNS, destroyed and its
     * system freed, by the services that own those steps. Asking again changes nothing.
     */
    @Transactional
    public Optional<ProvisioningRequest> decommission(String id, boolean wipeVolumes) {
        Optional<ProvisioningRequest> found = ProvisioningRequest.lockById(id);
        found.filter(request -> !request.state.isBeingTakenDown()).ifPresent(request -> {
            request.wipeVolumes = wipeVolumes;
            request.moveTo(RequestState.DECOMMISSIONING, null);
            audit.record("request/" + id, "decommissioned", wipeVolumes ? "volumes wiped" : "volumes kept");
            request.machines.stream().filter(machine -> !machine.isBeingTakenDown())
                    .forEach(machine -> takeDown(machine, wipeVolumes));
        });
        found.ifPresent(request -> request.machines.size());
        return found;
    }

    /**
     * Starts taking one machine down, whatever its request's state; the request is decommissioned
     * once its last machine is. Asking again changes nothing.
     */
    @Transactional
    public Optional<Machine> decommissionMachine(String hostname, boolean wipeVolumes) {
        Optional<Machine> found = Machine.lockByHostname(hostname);
        found.filter(machine -> !machine.isBeingTakenDown()).ifPresent(machine -> {
            takeDown(machine, wipeVolumes);
            audit.record("request/" + machine.request.id + "/machines/" + hostname, "decommissioned",
                    wipeVolumes ? "volumes wiped" : "volumes kept");
        });
        found.ifPresent(machine -> machine.request.machines.size());
        return found;
    }

    @Transactional
    public Optional<Machine> findMachineByHostname(String hostname) {
        return Machine.findByHostname(hostname);
    }

    /** Asks every owning service to take one machine down, forgetting earlier confirmations. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void takeDown(Machine machine, boolean wipeVolumes) {
        machine.slaveReleased = false;
        machine.dnsRemoved = false;
        machine.hostReleased = false;
        machine.moveTo(MachineState.DECOMMISSIONING, null);
        outbox.emit(new DecommissionRequested(machine.request.id, machine.hostname, machine.systemName, wipeVolumes));
    }
}
