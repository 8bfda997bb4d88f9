package org.relops.support.bus;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.model.Bus;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.recovery.RecordedBinding;
import com.rabbitmq.client.impl.recovery.RecordedExchange;
import com.rabbitmq.client.impl.recovery.RecordedQueue;
import com.rabbitmq.client.impl.recovery.TopologyRecoveryFilter;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The service's one connection to the broker. Connects at start-up and keeps trying until it
 * succeeds (a service starts even while the broker is down; readiness says so); after that the
 * client's automatic recovery restores the connection, its channels and consumers.
 */
@ApplicationScoped
public class BusConnection {

    private static final Logger LOG = Logger.getLogger(BusConnection.class);

    @Inject
    BusConfig config;

    @Inject
    Event<BusConnected> connected;

    private volatile Connection connection;
    private volatile String lastError = "not connected yet";

    void onStart(@Observes StartupEvent event) {
        ensureConnected();
    }

    @Inject
    BusTopology topology;

    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void ensureConnected() {
        if (connection != null) {
            return;
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.host());
        factory.setPort(config.port());
        factory.setUsername(config.username());
        factory.setPassword(config.password());
        factory.setVirtualHost(config.virtualHost());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setTopologyRecoveryFilter(new DeclaredOnOpenChannels());
        try {
            Connection fresh = factory.newConnection(config.serviceName());
            try (Channel channel = fresh.createChannel()) {
                channel.exchangeDeclare(Bus.EVENTS_EXCHANGE, "topic", true);
                topology.declareEventRoutes(channel);
            }
            connection = fresh;
            lastError = null;
            LOG.infof("connected to the bus at %s:%d vhost %s", config.host(), config.port(), config.virtualHost());
            connected.fire(new BusConnected());
        } catch (IOException | TimeoutException | RuntimeException e) {
            boolean first = lastError == null;
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            // said once, not at every try: readiness reports it meanwhile
            if (first) {
                LOG.warnf("cannot reach the bus at %s:%d (%s); retrying every 2 s", config.host(), config.port(),
                        lastError);
            } else {
                LOG.debugf("still cannot reach the bus: %s", lastError);
            }
        }
    }

    /** A new channel; the caller owns it. */
    public Channel openChannel() throws IOException {
        Connection current = connection;
        if (current == null) {
            throw new IOException("not connected to the bus: " + lastError);
        }
        return current.createChannel();
    }

    public boolean isOpen() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    public String lastError() {
        return lastError;
    }

    void onStop(@Observes ShutdownEvent event) {
        Connection current = connection;
        if (current != null) {
            try {
                current.close(2000);
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the bus connection failed", e);
            }
        }
    }

    /** Fired once the connection is first established. */
    /**
     * After a reconnect the client declares again what was declared on channels that are still open (the consumers'
     * queues, on the consumers' channels). What was declared on a short-lived channel since closed (the whole event
     * topology, at connect and by the relay) is left out: the client would only fail on that closed channel, loudly.
     * It is not needed either: queues and bindings are durable, and an event the broker returns as unroutable makes
     * the relay declare the topology anew.
     */
    static final class DeclaredOnOpenChannels implements TopologyRecoveryFilter {

        @Override
        public boolean filterExchange(RecordedExchange exchange) {
            return exchange.getChannel().isOpen();
        }

        @Override
        public boolean filterQueue(RecordedQueue queue) {
            return queue.getChannel().isOpen();
        }

        @Override
        public boolean filterBinding(RecordedBinding binding) {
            return binding.getChannel().isOpen();
        }
    }

    public record BusConnected() {
    }
}
