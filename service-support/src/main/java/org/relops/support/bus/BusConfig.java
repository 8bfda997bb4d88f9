package org.relops.support.bus;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service reaches the bus ({@code relops.bus.*}). */
@ConfigMapping(prefix = "relops.bus")
public interface BusConfig {

    /** This service's name: the CloudEvents source and the prefix of its queues. */
    String serviceName();

    /** Broker host. */
    @WithDefault("127.0.0.1")
    String host();

    /** Broker AMQP 0-9-1 port. */
    @WithDefault("5672")
    int port();

    /** Broker user. */
    @WithDefault("guest")
    String username();

    /** Broker password. */
    @WithDefault("guest")
    String password();

    /** The RabbitMQ virtual host: one per RelOps environment. */
    @WithDefault("/")
    String virtualHost();

    /** Declare work queues as quorum queues (RabbitMQ); off for brokers without them. */
    @WithDefault("true")
    boolean quorumQueues();

    /** Unacknowledged deliveries a consumer holds at once. */
    @WithDefault("64")
    int prefetch();

    /**
     * The most events that wait together handled in one transaction (with one inbox record each); 1 handles each
     * in its own. A batch that fails is handled again one event at a time.
     */
    @WithDefault("32")
    int batchSize();

    /** Times a message whose handling fails is tried before it is dead-lettered. */
    @WithDefault("5")
    int maxAttempts();

    /** The wait before a failed message is tried again; it doubles with every failure, up to retry-max-delay. */
    @WithDefault("1s")
    Duration retryFirstDelay();

    /** The longest wait between two tries of a message (and between two tries during an outage). */
    @WithDefault("60s")
    Duration retryMaxDelay();

    /** Start this service's consumers. */
    @WithDefault("true")
    boolean consumersEnabled();

    /** The outbox relay. */
    Relay relay();

    interface Relay {

        /** Publish outbox events; off only to hold events back (they are kept, not lost). */
        @WithDefault("true")
        boolean enabled();

        /** Events published per transaction. */
        @WithDefault("100")
        int batchSize();

        /** How long to wait for the broker's confirms of one batch. */
        @WithDefault("10s")
        Duration confirmTimeout();

        /** How long published events stay in the outbox table before they are purged. */
        @WithDefault("7d")
        Duration retention();
    }
}
