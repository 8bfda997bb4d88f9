package org.relops.dashboard;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps the {@link ReadModel} current: reads again what events touched (coalesced, so a burst of events costs one
 * read per source), everything at start and at every resync, and pushes the new snapshot to the browsers when
 * anything changed. An event is read again once more a little later: the service that owns a fact learns it from
 * the same event the dashboard just saw, and may not have recorded it yet.
 */
@ApplicationScoped
class Refresher {

    private static final Logger LOG = Logger.getLogger(Refresher.class);
    /** How long after an event its sources are read a second time. */
    static final Duration SETTLE = Duration.ofSeconds(2);

    @Inject
    DashboardConfig config;

    @Inject
    ServiceReader reader;

    @Inject
    ReadModel model;

    @Inject
    EventFeed feed;

    @Inject
    SnapshotStream stream;

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final EnumSet<Source> dirty = EnumSet.noneOf(Source.class);
    private boolean flushScheduled;
    private volatile boolean firstReadDone;
    private long broadcastVersion = -1;

    void start(@Observes StartupEvent started) {
        long every = config.resyncInterval().toMillis();
        worker.scheduleWithFixedDelay(this::resyncNow, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        worker.shutdownNow();
    }

    /** Whether the dashboard has read every service once (what it shows before that is partial). */
    boolean firstReadDone() {
        return firstReadDone;
    }

    /** Reads everything again, now. */
    void resyncNow() {
        touched(EnumSet.allOf(Source.class), Duration.ZERO);
    }

    /** An event touched these sources: they are read again soon, and once more after {@link #SETTLE}. */
    void touched(Set<Source> sources) {
        touched(sources, config.coalesce());
        worker.schedule(() -> touched(sources, config.coalesce()), SETTLE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void touched(Set<Source> sources, Duration within) {
        dirty.addAll(sources);
        if (!flushScheduled) {
            flushScheduled = true;
            worker.schedule(this::flush, within.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void flush() {
        Set<Source> reading;
        synchronized (this) {
            reading = EnumSet.copyOf(dirty);
            dirty.clear();
            flushScheduled = false;
        }
        for (Source source : reading) {
            try {
                model.read(source, reader.read(source));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.debugf("cannot read %s: %s", source, e.getMessage());
                model.failed(source, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        feed.readDeadLetters();
        firstReadDone |= model.complete();
        long version = model.version();
        if (version != broadcastVersion) {
            broadcastVersion = version;
            stream.broadcast(model.snapshot());
        }
    }
}
