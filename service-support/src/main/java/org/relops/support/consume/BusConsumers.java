package org.relops.support.consume;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.model.Bus;
import org.relops.support.bus.BusConfig;
import org.relops.support.bus.BusConnection;
import org.relops.support.bus.BusConnection.BusConnected;
import org.relops.support.bus.BusTopology;

import com.rabbitmq.client.Channel;

import io.quarkus.arc.All;

/**
 * Starts the service's consumers once the bus is connected: its event queue
 * ({@code <service>.events}, bound to every event type it handles) and any extra
 * {@link QueueSubscription}. Several replicas consume the same queues as competing consumers.
 */
@ApplicationScoped
public class BusConsumers {

    private static final Logger LOG = Logger.getLogger(BusConsumers.class);

    @Inject
    BusConfig config;

    @Inject
    BusConnection bus;

    @Inject
    BusTopology topology;

    @Inject
    EventDispatcher dispatcher;

    @Inject
    DeadLetters deadLetters;

    @Inject
    @All
    List<QueueSubscription> subscriptions;

    /** Puts failed messages back on their queues once their backoff delay is over. */
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bus-retries");
        thread.setDaemon(true);
        return thread;
    });

    @PreDestroy
    void stop() {
        // held messages are unacknowledged: the broker delivers them again to whoever consumes next
        later.shutdownNow();
    }

    void onConnected(@Observes BusConnected event) throws IOException {
        if (!config.consumersEnabled()) {
            LOG.info("bus consumers are disabled");
            return;
        }
        if (!dispatcher.handledTypes().isEmpty()) {
            String queue = Bus.eventQueue(config.serviceName());
            Channel channel = consumerChannel();
            topology.declareWorkQueue(channel, queue);
            for (String type : dispatcher.handledTypes()) {
                channel.queueBind(queue, Bus.EVENTS_EXCHANGE, type);
            }
            consume(channel, queue, dispatcher);
        }
        for (QueueSubscription subscription : subscriptions) {
            Channel channel = consumerChannel();
            topology.declareWorkQueue(channel, subscription.queue());
            if (subscription.exchange().isPresent()) {
                channel.exchangeDeclare(subscription.exchange().get(), "fanout", true);
                channel.queueBind(subscription.queue(), subscription.exchange().get(), "");
            }
            consume(channel, subscription.queue(), subscription.processor());
        }
    }

    private Channel consumerChannel() throws IOException {
        Channel channel = bus.openChannel();
        channel.basicQos(config.prefetch());
        channel.confirmSelect();
        return channel;
    }

    private void consume(Channel channel, String queue, DeliveryProcessor processor) throws IOException {
        RetryPolicy retries = new RetryPolicy(config.retryFirstDelay(), config.retryMaxDelay(), config.maxAttempts());
        channel.basicConsume(queue, false, new QueueConsumer(channel, queue, config.username(), processor, deadLetters,
                retries, later, config.batchSize()));
        LOG.infof("consuming %s", queue);
    }
}
