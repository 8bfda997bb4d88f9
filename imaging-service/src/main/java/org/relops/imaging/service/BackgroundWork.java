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

    private final ExecutorService pool = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "imaging-work");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs the task after the current transaction commits; never if it rolls back. */
    public void afterCommit(TransactionSynchronizationRegistry transactions, String what, Runnable task) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    submit(what, task);
                }
            }
        });
    }

    public void submit(String what, Runnable task) {
        pool.submit(() -> {
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
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
