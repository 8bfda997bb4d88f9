package org.relops.support.metrics;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.model.Bus;
import org.relops.support.bus.BusConfig;
import org.relops.support.bus.BusConnection;
import org.relops.support.outbox.OutboxEvent;

import com.rabbitmq.client.Channel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * What is waiting, as every service's gauges say it (the alert rules in deploy/prometheus read them): events not
 * yet published from its outbox and the age of the oldest, and the messages in its dead-letter queue. Read every
 * {@code relops.metrics.backlog-interval} (15 s), not at each scrape, so a scrape never waits for the database
 * or the broker; a value that cannot be read keeps its last reading (readiness says why).
 */
@ApplicationScoped
public class BacklogMetrics {

    private static final Logger LOG = Logger.getLogger(BacklogMetrics.class);

    @Inject
    MeterRegistry registry;

    @Inject
    BusConfig config;

    @Inject
    BusConnection bus;

    private final AtomicLong outboxPending = new AtomicLong();
    private final AtomicLong outboxOldestSeconds = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();

    void register(@Observes StartupEvent started) {
        Gauge.builder("relops.outbox.pending", outboxPending, AtomicLong::get)
                .description("events written to the outbox and not yet published").register(registry);
        Gauge.builder("relops.outbox.oldest.pending.seconds", outboxOldestSeconds, AtomicLong::get)
                .description("age of the oldest event not yet published (0: none waits)").register(registry);
        Gauge.builder("relops.bus.dead.letters", deadLetters, AtomicLong::get)
                .description("messages waiting in this service's dead-letter queue").register(registry);
    }

    @Scheduled(every = "${relops.metrics.backlog-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void read() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                outboxPending.set(OutboxEvent.countPending());
                outboxOldestSeconds.set(OutboxEvent.oldestPendingAt()
                        .map(oldest -> Duration.between(oldest, OffsetDateTime.now(ZoneOffset.UTC)).toSeconds())
                        .orElse(0L));
            });
        } catch (RuntimeException e) {
            LOG.debugf("outbox backlog not read: %s", e.getMessage());
        }
        if (!bus.isOpen()) {
            return;
        }
        try (Channel channel = bus.openChannel()) {
            deadLetters.set(channel.queueDeclarePassive(Bus.deadLetterQueue(config.serviceName())).getMessageCount());
        } catch (IOException | TimeoutException | RuntimeException e) {
            // the queue is declared with the first consumer; until then there is nothing in it
            LOG.debugf("dead-letter queue not read: %s", e.getMessage());
        }
    }
}
