package org.relops.imaging.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Checks the machines of periodic roles for a due refresh, one transaction per machine. */
@ApplicationScoped
public class MachineRefresher {

    private static final Logger LOG = Logger.getLogger(MachineRefresher.class);

    @Inject
    MachineRefreshes refreshes;

    @Scheduled(every = "${relops.imaging.refresh.check-interval:1m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshDueMachines() {
        for (String hostname : refreshes.periodicMachines()) {
            try {
                refreshes.refreshIfDue(hostname);
            } catch (RuntimeException e) {
                LOG.errorf(e, "refreshing %s failed; retrying next round", hostname);
            }
        }
    }
}
