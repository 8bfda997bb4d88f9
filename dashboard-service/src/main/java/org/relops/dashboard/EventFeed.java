package org.relops.dashboard;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.model.Bus;
import org.relops.model.envelope.CloudEvent;
import org.relops.model.envelope.EnvelopeCodec;
import org.relops.model.envelope.MalformedEventException;
import org.relops.model.event.EventConsumers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The dashboard as a consumer of the events like any other: a queue of its own (server-named, gone when the
 * dashboard stops) bound to every event type. Each event goes to the latest events and tells the
 * {@link Refresher} what it may have changed. The client library reconnects after a broker outage; the resync
 * covers what was missed meanwhile.
 */
@ApplicationScoped
class EventFeed {

    private static final Logger LOG = Logger.getLogger(EventFeed.class);
    /** The services whose dead-letter queues the dashboard watches. */
    static final List<String> SERVICES = List.of(EventConsumers.REQUEST, EventConsumers.INVENTORY,
            EventConsumers.IMAGING, EventConsumers.DNS, EventConsumers.SLAVEALLOC);

    @Inject
    BusSettings bus;

    @Inject
    ReadModel model;

    @Inject
    Refresher refresher;

    @Inject
    ObjectMapper json;

    private volatile Connection connection;
    private volatile Thread connector;

    void start(@Observes StartupEvent started) {
        Thread thread = new Thread(this::connectUntilDone, "dashboard-bus");
        thread.setDaemon(true);
        connector = thread;
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        Thread thread = connector;
        if (thread != null) {
            thread.interrupt();
        }
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (IOException | RuntimeException e) {
                // stopping anyway
            }
        }
    }

    /** Whether the dashboard is consuming the events now. */
    boolean consuming() {
        Connection open = connection;
        return open != null && open.isOpen();
    }

    /** The number of messages waiting in each service's dead-letter queue (a service not started yet: absent). */
    void readDeadLetters() {
        Connection open = connection;
        if (open == null || !open.isOpen()) {
            return;
        }
        for (String service : SERVICES) {
            // a passive declaration of a queue that does not exist closes its channel: one channel per queue
            try (Channel channel = open.createChannel()) {
                model.deadLetters(service, channel.queueDeclarePassive(Bus.deadLetterQueue(service)).getMessageCount());
            } catch (IOException | TimeoutException | RuntimeException e) {
                LOG.debugf("no dead-letter queue of %s yet: %s", service, e.getMessage());
            }
        }
    }

    private void connectUntilDone() {
        long backoff = 500;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                connection = connect();
                LOG.infof("following the events of %s:%d/%s", bus.host(), bus.port(), bus.virtualHost());
                refresher.resyncNow();
                return;
            } catch (IOException | TimeoutException e) {
                LOG.warnf("cannot follow the events at %s:%d/%s yet (%s); trying again in %d ms", bus.host(),
                        bus.port(), bus.virtualHost(), e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private Connection connect() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(bus.host());
        factory.setPort(bus.port());
        factory.setVirtualHost(bus.virtualHost());
        factory.setUsername(bus.username());
        factory.setPassword(bus.password());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        Connection opened = factory.newConnection("dashboard-service");
        try {
            Channel channel = opened.createChannel();
            channel.exchangeDeclare(Bus.EVENTS_EXCHANGE, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, Bus.EVENTS_EXCHANGE, "#");
            channel.basicConsume(queue, true, onEvent(), tag -> { });
            return opened;
        } catch (IOException | RuntimeException e) {
            opened.abort();
            throw e;
        }
    }

    private DeliverCallback onEvent() {
        return (tag, delivery) -> {
            CloudEvent event;
            try {
                event = EnvelopeCodec.decode(delivery.getBody());
            } catch (MalformedEventException e) {
                // not an event relops can read: the services dead-letter it; the dashboard has nothing to show
                return;
            }
            model.event(summary(event));
            refresher.touched(Source.touchedBy(event.type()));
        };
    }

    /** What the page shows of an event: when, what, who, and about what. */
    private ObjectNode summary(CloudEvent event) {
        ObjectNode summary = json.createObjectNode();
        summary.put("time", event.time().toString());
        summary.put("type", event.type());
        summary.put("source", event.source());
        summary.put("actor", event.actor());
        summary.put("subject", event.subject());
        summary.put("correlationId", event.correlationid());
        JsonNode data = event.data();
        for (String field : List.of("requestId", "hostname", "system", "systemName", "image", "version", "master",
                "state", "reason")) {
            JsonNode value = data.path(field);
            if (value.isValueNode() && !value.isNull()) {
                summary.set(field, value);
            }
        }
        return summary;
    }
}
