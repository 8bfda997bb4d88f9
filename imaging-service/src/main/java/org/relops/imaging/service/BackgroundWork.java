package org.relops.imaging.service;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/**
 * Runs work that must not hold up the transaction that asked for it (a provider launch, an image
 * build) on a small pool of its own, once that transaction has committed.
 */
@ApplicationScoped
public class BackgroundWork {

    private static final Logger LOG = Logger.getLogger(BackgroundWork.class);

    /** Which pool a task runs on: launches are quick and many; builds are heavy and run one at a time. */
    public enum Lane {
        LAUNCH(4),
        BUILD(1);

        private final int threads;

        Lane(int threads) {
            this.threads = threads;
        }

        /** How many of the lane's tasks run at once. */
        public int threads() {
            return threads;
        }
    }

    private final java.util.Map<Lane, ExecutorService> pools = new java.util.EnumMap<>(Lane.class);

    public BackgroundWork() {
        for (Lane lane : Lane.values()) {
            String name = "imaging-" + lane.name().toLowerCase(java.util.Locale.ROOT);
            pools.put(lane, Executors.newFixedThreadPool(lane.threads, runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
            }));
        }
    }

    /** Runs the task on the lane after the current transaction commits; never if it rolls back. */
    public void afterCommit(TransactionSynchronizationRegistry transactions, Lane lane, String what, Runnable task) {
        afterCommit(transactions, () -> submit(lane, what, task));
    }

    /** Runs the (quick) action on the committing thread once the current transaction commits; never if it rolls back. */
    public void afterCommit(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    public void submit(Lane lane, String what, Runnable task) {
        pools.get(lane).submit(() -> {
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate();
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s failed", what);
            } finally {
                requestContext.terminate();
            }
        });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        for (ExecutorService pool : pools.values()) {
            pool.shutdownNow();
        }
        for (ExecutorService pool : pools.values()) {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
