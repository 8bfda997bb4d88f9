package org.relops.imaging.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.imaging.Rollout;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/** Moves running rollouts on, one transaction each; a rollout another replica holds is skipped this round. */
@ApplicationScoped
public class RolloutDriver {

    private static final Logger LOG = Logger.getLogger(RolloutDriver.class);

    @Inject
    RolloutService rollouts;

    @Scheduled(every = "${relops.imaging.rollouts.check-interval:5s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void advanceRunning() {
        for (UUID id : QuarkusTransaction.requiringNew().call(Rollout::runningIds)) {
            try {
                rollouts.advance(id);
            } catch (RuntimeException e) {
                LOG.errorf(e, "advancing rollout %s failed; retrying next round", id);
            }
        }
    }
}
