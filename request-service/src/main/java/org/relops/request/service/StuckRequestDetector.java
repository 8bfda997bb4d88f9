package org.relops.request.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.model.event.RequestFailed;
import org.relops.model.event.RequestStuck;
import org.relops.request.MachineState;
import org.relops.request.ProvisioningRequest;
import org.relops.request.RequestState;
import org.relops.request.config.RequestConfig;
import org.relops.support.outbox.EventOutbox;

import io.quarkus.scheduler.Scheduled;

/**
 * Reports a request that has stayed in one unfinished state past its deadline, once per state it
 * gets stuck in: a {@code request.stuck} event that says what it is waiting for, and a warning in
 * the log; and gives up one that stayed on its way up past a longer deadline. Replicas share the work through
 * row locks that skip what another replica holds.
 */
@ApplicationScoped
public class StuckRequestDetector {

    private static final Logger LOG = Logger.getLogger(StuckRequestDetector.class);

    @Inject
    RequestConfig config;

    @Inject
    EventOutbox outbox;

    @Inject
    EntityManager entityManager;

    @Inject
    RequestService requests;

    @Scheduled(every = "${relops.requests.stuck-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void reportStuckRequests() {
        OffsetDateTime deadline = OffsetDateTime.now(ZoneOffset.UTC).minus(config.stuckAfter());
        @SuppressWarnings("unchecked")
        List<ProvisioningRequest> stuck = entityManager.createNativeQuery("""
                select * from provisioning_request
                where state in ('SUBMITTED', 'PLACING', 'PROVISIONING', 'DECOMMISSIONING')
                  and state_changed_at < :deadline
                  and (stuck_reported_at is null or stuck_reported_at < state_changed_at)
                limit 100 for update skip locked""", ProvisioningRequest.class)
                .setParameter("deadline", deadline)
                .getResultList();
        for (ProvisioningRequest request : stuck) {
            String step = ProgressNarrator.stepOf(request);
            request.stuckReportedAt = OffsetDateTime.now(ZoneOffset.UTC);
            LOG.warnf("request %s is stuck in %s since %s: %s", request.id, request.state, request.stateChangedAt, step);
            outbox.emit(new RequestStuck(request.id, request.state.name(), request.stateChangedAt, step));
        }
    }

    /**
     * Gives up a request that stayed on its way up past {@code relops.requests.fail-after}: it fails with the
     * step it was waiting on, and its machines that are not ready are taken down (compensation: inventory frees
     * their systems, imaging destroys what it started), so that nothing stays reserved for a request that ended.
     */
    @Scheduled(every = "${relops.requests.stuck-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void failOverdueRequests() {
        OffsetDateTime deadline = OffsetDateTime.now(ZoneOffset.UTC).minus(config.failAfter());
        @SuppressWarnings("unchecked")
        List<ProvisioningRequest> overdue = entityManager.createNativeQuery("""
                select * from provisioning_request
                where state in ('SUBMITTED', 'PLACING', 'PROVISIONING') and state_changed_at < :deadline
                limit 100 for update skip locked""", ProvisioningRequest.class)
                .setParameter("deadline", deadline)
                .getResultList();
        for (ProvisioningRequest request : overdue) {
            String reason = "given up after " + minutes(config.failAfter()) + " in " + request.state + ": "
                    + ProgressNarrator.stepOf(request);
            request.machines.stream()
                    .filter(machine -> machine.state != MachineState.READY && !machine.isBeingTakenDown())
                    .forEach(machine -> requests.takeDown(machine, request.wipeVolumes));
            request.moveTo(RequestState.FAILED, reason);
            outbox.emit(new RequestFailed(request.id, reason));
            LOG.errorf("request %s %s", request.id, reason);
        }
    }

    private static String minutes(java.time.Duration duration) {
        return duration.toSeconds() < 120 ? duration.toSeconds() + " s" : duration.toMinutes() + " min";
    }

    /** Whether a request is past its deadline in its current state. */
    public boolean isStuck(ProvisioningRequest request) {
        return request.isUnfinished()
                && request.stateChangedAt.isBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(config.stuckAfter()));
    }
}
