package org.relops.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.relops.model.Bus;
import org.relops.model.envelope.CloudEvent;
import org.relops.model.envelope.EnvelopeCodec;
import org.relops.model.envelope.MalformedEventException;
import org.relops.model.event.EventCatalog;
import org.relops.model.event.RelopsEvent;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * A test's window on the real bus: records every event on the events exchange from the moment it
 * connects, publishes events and raw messages, and reads dead-letter queues. Connects with the
 * service's own {@code relops.bus.*} configuration, so it sees the test's virtual host.
 */
public final class BusProbe implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Connection connection;
    private final Channel channel;
    private final List<CloudEvent> seen = new CopyOnWriteArrayList<>();
    private final String queue;
    private final String user;

    private BusProbe(Connection connection, String user) throws IOException {
        this.connection = connection;
        this.user = user;
        this.channel = connection.createChannel();
        channel.exchangeDeclare(Bus.EVENTS_EXCHANGE, "topic", true);
        queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, Bus.EVENTS_EXCHANGE, "#");
        channel.basicConsume(queue, true, (tag, delivery) -> record(delivery.getBody()), tag -> { });
    }

    private void record(byte[] body) {
        try {
            seen.add(EnvelopeCodec.decode(body));
        } catch (MalformedEventException e) {
            // tests publish malformed events on purpose; the probe only records well-formed ones
        }
    }

    /** Connects with the running application's bus configuration. */
    public static BusProbe connect() {
        Config config = ConfigProvider.getConfig();
        return connect(config.getOptionalValue("relops.bus.host", String.class).orElse("127.0.0.1"),
                config.getOptionalValue("relops.bus.port", Integer.class).orElse(5672),
                config.getOptionalValue("relops.bus.virtual-host", String.class).orElse("/"));
    }

    public static BusProbe connect(String host, int port, String virtualHost) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setVirtualHost(virtualHost);
        try {
            return new BusProbe(factory.newConnection("bus-probe"), factory.getUsername());
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot connect the bus probe to " + host + ":" + port + virtualHost, e);
        }
    }

    /** Waits for an event of the given type whose payload matches. */
    public <E extends RelopsEvent> E awaitEvent(Class<E> type, Predicate<E> match) {
        return awaitEvent(type, match, WAIT);
    }

    /** Waits as long as given for an event of the given type whose payload matches. */
    public <E extends RelopsEvent> E awaitEvent(Class<E> type, Predicate<E> match, Duration atMost) {
        return await().atMost(atMost).until(() -> find(type, match), Optional::isPresent).orElseThrow();
    }

    /** Waits for the envelope of an event of the given type whose payload matches. */
    public <E extends RelopsEvent> CloudEvent awaitEnvelope(Class<E> type, Predicate<E> match) {
        String name = EventCatalog.typeOf(type);
        return await().atMost(WAIT).until(() -> seen.stream()
                .filter(envelope -> envelope.type().equals(name))
                .filter(envelope -> match.test(EnvelopeCodec.payload(envelope, type)))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    /** Every well-formed event seen so far, as it came off the bus. */
    public List<CloudEvent> envelopes() {
        return List.copyOf(seen);
    }

    /** Every event of the given type seen so far whose payload matches. */
    public <E extends RelopsEvent> List<E> events(Class<E> type, Predicate<E> match) {
        String name = EventCatalog.typeOf(type);
        return seen.stream()
                .filter(envelope -> envelope.type().equals(name))
                .map(envelope -> EnvelopeCodec.payload(envelope, type))
                .filter(match)
                .toList();
    }

    private <E extends RelopsEvent> Optional<E> find(Class<E> type, Predicate<E> match) {
        return events(type, match).stream().findFirst();
    }

    /** Publishes an event as a service would, and returns its envelope. */
    public CloudEvent publish(RelopsEvent event) {
        CloudEvent envelope = EnvelopeCodec.wrap(event, "/relops/test", null, null);
        publish(envelope);
        return envelope;
    }

    /** Publishes an envelope as it is (e.g. the same one twice, as a redelivery would). */
    public void publish(CloudEvent envelope) {
        publishRaw(Bus.EVENTS_EXCHANGE, envelope.type(), EnvelopeCodec.encode(envelope));
    }

    /**
     * Publishes bytes with persistent delivery, waiting for the broker's confirm; the message names the probe's
     * broker user as its {@code user-id}, as a publisher on the intake must.
     */
    public void publishRaw(String exchange, String routingKey, byte[] body) {
        publishRaw(exchange, routingKey, body, Map.of());
    }

    public void publishRaw(String exchange, String routingKey, byte[] body, Map<String, Object> headers) {
        publishRaw(exchange, routingKey, body, new AMQP.BasicProperties.Builder().deliveryMode(2).headers(headers)
                .userId(user).build());
    }

    /** Publishes bytes without a {@code user-id}: a publisher that does not say who it is. */
    public void publishAnonymously(String exchange, String routingKey, byte[] body) {
        publishRaw(exchange, routingKey, body, new AMQP.BasicProperties.Builder().deliveryMode(2).build());
    }

    /** Publishes bytes that claim a publisher ({@code user-id}); the broker refuses a claim that is not the probe's user. */
    public void publishAs(String userId, String exchange, String routingKey, byte[] body) {
        publishRaw(exchange, routingKey, body, new AMQP.BasicProperties.Builder().deliveryMode(2).userId(userId)
                .build());
    }

    private void publishRaw(String exchange, String routingKey, byte[] body, AMQP.BasicProperties properties) {
        try (Channel publishing = connection.createChannel()) {
            publishing.confirmSelect();
            publishing.basicPublish(exchange, routingKey, properties, body);
            publishing.waitForConfirmsOrDie(10_000);
        } catch (IOException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException("cannot publish to " + exchange + "/" + routingKey, e);
        }
    }

    /** Stops taking a copy of every event (its own queue goes): events then reach only the services' queues. */
    public void stopListening() {
        deleteQueue(queue);
    }

    /** Deletes a queue behind the services' back, as an operator's mistake or a broker reset would. */
    public void deleteQueue(String queue) {
        try (Channel deleting = connection.createChannel()) {
            deleting.queueDelete(queue);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot delete queue " + queue, e);
        }
    }

    /** Takes the next message off a queue, if the queue exists and holds one. */
    public Optional<byte[]> take(String queue) {
        try (Channel taking = connection.createChannel()) {
            GetResponse response = taking.basicGet(queue, true);
            return Optional.ofNullable(response).map(GetResponse::getBody);
        } catch (IOException | TimeoutException e) {
            // a queue that does not exist (yet) closes the channel: nothing to take
            return Optional.empty();
        }
    }

    /** Waits for a message in a service's dead-letter queue whose reason matches; takes it off the queue. */
    public DeadLetter awaitDeadLetter(String service, Predicate<DeadLetter> match) {
        List<DeadLetter> taken = new CopyOnWriteArrayList<>();
        return await().atMost(WAIT).until(() -> {
            GetResponse response = channel.basicGet(Bus.deadLetterQueue(service), true);
            if (response != null) {
                Map<String, Object> headers = response.getProps().getHeaders();
                taken.add(new DeadLetter(String.valueOf(headers.get(Bus.DEAD_LETTER_REASON_HEADER)),
                        String.valueOf(headers.get(Bus.DEAD_LETTER_QUEUE_HEADER)), response.getBody()));
            }
            return taken.stream().filter(match).findFirst();
        }, Optional::isPresent).orElseThrow();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // the probe is going away; nothing to keep
        }
    }

    /** A dead-lettered message: why, from where, and its body. */
    public record DeadLetter(String reason, String fromQueue, byte[] body) {
    }
}
