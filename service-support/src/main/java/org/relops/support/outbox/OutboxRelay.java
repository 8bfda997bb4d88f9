package org.relops.support.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.relops.model.Bus;
import org.relops.support.bus.BusConfig;
import org.relops.support.bus.BusConnection;
import org.relops.support.bus.BusConnection.BusConnected;
import org.relops.support.bus.BusTopology;
import org.relops.model.event.EventConsumers;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Publishes outbox events to the events exchange with publisher confirms, oldest first, and marks
 * them published in the same transaction that locked them. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several replicas relay side by side without publishing one
 * event twice in the normal case; a crash between confirm and commit republishes, which the
 * consumers' inbox absorbs. Runs on one thread: woken after each commit that added events, and
 * polled every second for anything left behind (a restart, a broker outage).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    BusConfig config;

    @Inject
    BusConnection bus;

    @Inject
    EntityManager entityManager;

    @Inject
    MeterRegistry metrics;

    @Inject
    BusTopology topology;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private Channel channel;
    private Counter published;
    /** The ids of the events of the batch under way that the broker returned as unroutable. */
    private final java.util.Set<String> returned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Asks the relay to run soon; calls while a run is already queued are folded into it. */
    public void wake() {
        if (config.relay().enabled() && wakeQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                wakeQueued.set(false);
                relayPending();
            });
        }
    }

    void onConnected(@Observes BusConnected event) {
        wake();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgePublished() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.relay().retention());
        long purged = QuarkusTransaction.requiringNew()
                .call(() -> OutboxEvent.delete("publishedAt < ?1", cutoff));
        if (purged > 0) {
            LOG.infof("purged %d published outbox events older than %s", purged, cutoff);
        }
    }

    private void relayPending() {
        if (!bus.isOpen()) {
            return;
        }
        try {
            int relayed;
            do {
                relayed = QuarkusTransaction.requiringNew().call(this::relayBatch);
            } while (relayed == config.relay().batchSize());
        } catch (Exception e) {
            LOG.warnf("outbox relay stopped for now (%s); pending events stay in the outbox", e.getMessage());
            closeChannel();
        }
    }

    private int relayBatch() throws IOException, InterruptedException, TimeoutException {
        @SuppressWarnings("unchecked")
        List<OutboxEvent> batch = entityManager.createNativeQuery("""
                select * from outbox_event where published_at is null
                order by seq limit :limit for update skip locked""", OutboxEvent.class)
                .setParameter("limit", config.relay().batchSize())
                .getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        Channel confirming = confirmingChannel();
        returned.clear();
        for (OutboxEvent event : batch) {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType(Bus.CLOUDEVENTS_CONTENT_TYPE)
                    .deliveryMode(2)
                    .messageId(event.eventId)
                    .type(event.type)
                    .build();
            // mandatory where a service must get it: the broker returns what no queue takes, instead of dropping it
            boolean mandatory = !EventConsumers.of(event.type).isEmpty();
            confirming.basicPublish(Bus.EVENTS_EXCHANGE, event.type, mandatory, properties,
                    event.envelope.getBytes(StandardCharsets.UTF_8));
        }
        // a return comes before the confirm of its message: once all are confirmed, every return is in
        confirming.waitForConfirmsOrDie(config.relay().confirmTimeout().toMillis());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int published = 0;
        for (OutboxEvent event : batch) {
            if (returned.contains(event.eventId)) {
                continue;
            }
            event.publishedAt = now;
            published++;
        }
        publishedCounter().increment(published);
        if (published < batch.size()) {
            unroutable(batch.size() - published);
            return 0;
        }
        return published;
    }

    /** Events the broker returned stay in the outbox; the topology is declared again, so the next try routes them. */
    private void unroutable(int count) {
        metrics.counter("relops.bus.events.returned").increment(count);
        LOG.warnf("%d event(s) reached no queue (returned by the broker: a consumer's queue or binding is missing);"
                + " they stay in the outbox, and the topology is declared again", count);
        try {
            topology.declareEventRoutes(channel);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot declare the event topology: %s", e.getMessage());
        }
    }

    private Channel confirmingChannel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = bus.openChannel();
            channel.confirmSelect();
            channel.addReturnListener(returnedMessage -> returned.add(returnedMessage.getProperties().getMessageId()));
        }
        return channel;
    }

    private Counter publishedCounter() {
        if (published == null) {
            published = metrics.counter("relops.bus.events.published");
        }
        return published;
    }

    private void closeChannel() {
        try {
            if (channel != null && channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debug("closing the relay channel failed", e);
        }
        channel = null;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
