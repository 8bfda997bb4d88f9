package org.relops.support.consume;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relops.model.Bus;
import org.relops.support.bus.BusConfig;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The consumer against the real broker (vhost {@code relops-test-support}, which {@code ./relops test} makes):
 * a failing message is tried again after a growing delay and dead-lettered with its last error once it used up
 * its attempts; an infrastructure outage uses up no attempts however long it lasts; a poison message is
 * dead-lettered at once; messages that wait together are handled as one batch, and a batch that fails is handled
 * again one message at a time. Each test has a queue and a service name (so a dead-letter queue) of its own.
 */
class QueueConsumerTest {

    private static final String VHOST = "relops-test-support" + System.getenv().getOrDefault("RELOPS_TEST_NAMESPACE", "");
    private static final Duration FIRST_DELAY = Duration.ofMillis(300);
    private static Connection connection;
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(VHOST);
        connection = factory.newConnection("queue-consumer-test");
    }

    @AfterAll
    static void close() throws Exception {
        LATER.shutdownNow();
        connection.close();
    }

    @Test
    void shouldTryAFailingMessageAgainAfterAGrowingDelayUntilItIsHandled() throws Exception {
        Consumed consumed = consume(3, (attempt, headers) -> {
            if (attempt < 3) {
                throw new IllegalStateException("not yet (" + attempt + ")");
            }
        });

        consumed.publish("hello");

        await().atMost(Duration.ofSeconds(20)).until(() -> consumed.handled.size() == 1);
        assertEquals(List.of(0, 1, 2), consumed.attemptHeaders(), "each try carries the attempts before it");
        List<Long> times = consumed.times;
        long firstGap = times.get(1) - times.get(0);
        long secondGap = times.get(2) - times.get(1);
        assertTrue(firstGap >= FIRST_DELAY.toMillis() * 8 / 10, "the first retry waits: " + firstGap + " ms");
        assertTrue(secondGap >= FIRST_DELAY.toMillis() * 2 * 8 / 10, "the second waits about twice as long: "
                + secondGap + " ms");
        assertNull(consumed.deadLettered(), "a message handled in the end is not dead-lettered");
    }

    @Test
    void shouldDeadLetterAMessageThatFailsEveryAttemptWithItsLastError() throws Exception {
        Consumed consumed = consume(3, (attempt, headers) -> {
            throw new IllegalStateException("broken handler, try " + attempt);
        });

        consumed.publish("doomed");

        GetResponse dead = await().atMost(Duration.ofSeconds(20)).until(consumed::deadLettered, r -> r != null);
        assertEquals("doomed", new String(dead.getBody(), StandardCharsets.UTF_8));
        assertEquals("failed 3 times, last: IllegalStateException: broken handler, try 3",
                dead.getProps().getHeaders().get(Bus.DEAD_LETTER_REASON_HEADER).toString());
        assertEquals(consumed.queue, dead.getProps().getHeaders().get(Bus.DEAD_LETTER_QUEUE_HEADER).toString());
        assertEquals(3, consumed.times.size(), "tried exactly its attempts");
    }

    @Test
    void shouldNotCountAnOutageOfTheDatabaseAsAttempts() throws Exception {
        // Six failures for want of the database, more than the three attempts a message has; then it is back.
        Consumed consumed = consume(3, (attempt, headers) -> {
            if (attempt <= 6) {
                throw new IllegalStateException("handler failed",
                        new SQLTransientConnectionException("Connection to 127.0.0.1:5432 refused"));
            }
        });

        consumed.publish("patient");

        await().atMost(Duration.ofSeconds(60)).until(() -> consumed.handled.size() == 1);
        assertEquals(7, consumed.times.size());
        assertTrue(consumed.attemptHeaders().stream().allMatch(a -> a == 0), "an outage uses up no attempts: "
                + consumed.attemptHeaders());
        assertNull(consumed.deadLettered());
    }

    @Test
    void shouldDeadLetterAPoisonMessageAtOnce() throws Exception {
        Consumed consumed = consume(3, (attempt, headers) -> {
            throw new PoisonMessageException("unknown major version 9 of event type x.y");
        });

        consumed.publish("poison");

        GetResponse dead = await().atMost(Duration.ofSeconds(10)).until(consumed::deadLettered, r -> r != null);
        assertEquals("unknown major version 9 of event type x.y",
                dead.getProps().getHeaders().get(Bus.DEAD_LETTER_REASON_HEADER).toString());
        assertEquals(1, consumed.times.size(), "never retried");
    }

    @Test
    void shouldHandleMessagesThatWaitTogetherAsOneBatchInTheirOrder() throws Exception {
        Batching processor = new Batching(Set.of());
        consume(processor.consumed, processor, 3, 8);
        List<String> messages = IntStream.range(0, 20).mapToObj(i -> "m" + i).toList();

        pileUp(processor, messages);

        await().atMost(Duration.ofSeconds(20)).until(() -> processor.consumed.handled.size() == 20);
        assertEquals(messages, processor.consumed.handled, "each handled once, in the order published");
        assertTrue(processor.batches.stream().allMatch(batch -> batch.size() <= 8), "never more than the batch size: "
                + processor.batches);
        assertTrue(processor.batches.stream().anyMatch(batch -> batch.size() > 1), "messages that waited went "
                + "together: " + processor.batches);
        try (Channel reader = connection.createChannel()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.queueDeclarePassive(processor.consumed.queue)
                    .getMessageCount() == 0);
            assertNull(reader.basicGet(processor.consumed.queue, false), "every message acknowledged");
        }
    }

    @Test
    void shouldHandleTheRestOfAFailedBatchOneByOneAndDeadLetterOnlyTheBadMessage() throws Exception {
        Batching processor = new Batching(Set.of("bad"));
        consume(processor.consumed, processor, 2, 8);
        List<String> messages = List.of("first", "a", "b", "bad", "c", "d");

        pileUp(processor, messages);

        GetResponse dead = await().atMost(Duration.ofSeconds(20)).until(processor.consumed::deadLettered,
                r -> r != null);
        assertEquals("bad", new String(dead.getBody(), StandardCharsets.UTF_8));
        assertTrue(dead.getProps().getHeaders().get(Bus.DEAD_LETTER_REASON_HEADER).toString()
                .endsWith("cannot handle bad"), "the bad message's own error, from handling it alone");
        assertEquals(List.of("first", "a", "b", "c", "d"), processor.consumed.handled,
                "every good message handled exactly once, the batch that failed one by one");
        assertTrue(processor.batches.stream().anyMatch(batch -> batch.contains("bad") && batch.size() > 1),
                "the bad message came in a batch: " + processor.batches);
    }

    /** What the test's handler does on a try (1-based), given the message's headers. */
    interface Handler {
        void handle(int attempt, Map<String, Object> headers) throws Exception;
    }

    /** A queue of the test's own, consumed by a QueueConsumer that records every try. */
    private static final class Consumed {
        final String service = "support-test-" + UUID.randomUUID().toString().substring(0, 8);
        final String queue = service + ".work";
        final List<Long> times = new CopyOnWriteArrayList<>();
        final List<Map<String, Object>> headers = new CopyOnWriteArrayList<>();
        final List<String> handled = new CopyOnWriteArrayList<>();
        Channel channel;

        void publish(String body) throws Exception {
            try (Channel publisher = connection.createChannel()) {
                publisher.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(UUID.randomUUID()
                        .toString()).build(), body.getBytes(StandardCharsets.UTF_8));
            }
        }

        List<Integer> attemptHeaders() {
            return headers.stream().map(h -> h == null || h.get(Bus.ATTEMPTS_HEADER) == null ? 0
                    : ((Number) h.get(Bus.ATTEMPTS_HEADER)).intValue()).toList();
        }

        GetResponse deadLettered() throws Exception {
            try (Channel reader = connection.createChannel()) {
                return reader.basicGet(Bus.deadLetterQueue(service), true);
            }
        }
    }

    private static Consumed consume(int maxAttempts, Handler handler) throws Exception {
        Consumed consumed = new Consumed();
        DeliveryProcessor processor = (body, properties) -> {
            consumed.times.add(System.currentTimeMillis());
            consumed.headers.add(properties.getHeaders());
            handler.handle(consumed.times.size(), properties.getHeaders());
            consumed.handled.add(new String(body, StandardCharsets.UTF_8));
        };
        return consume(consumed, processor, maxAttempts, 8);
    }

    private static Consumed consume(Consumed consumed, DeliveryProcessor processor, int maxAttempts, int batchSize)
            throws Exception {
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        channel.basicQos(64);
        channel.queueDeclare(Bus.deadLetterQueue(consumed.service), false, false, true, null);
        channel.queueDeclare(consumed.queue, false, false, true, null);
        DeadLetters deadLetters = new DeadLetters();
        deadLetters.config = config(consumed.service);
        deadLetters.metrics = new SimpleMeterRegistry();
        channel.basicConsume(consumed.queue, false, new QueueConsumer(channel, consumed.queue, "guest", processor,
                deadLetters, new RetryPolicy(FIRST_DELAY, Duration.ofSeconds(2), maxAttempts), LATER, batchSize));
        consumed.channel = channel;
        return consumed;
    }

    /**
     * A processor that batches: it records each batch it is given, fails a batch holding a message named in
     * {@code failing} (as a transaction would fail: nothing of it counts), and fails that message alone too.
     * Its first delivery waits for {@code release}, so that the test can let messages pile up behind it.
     */
    private static final class Batching implements BatchProcessor {
        final Consumed consumed = new Consumed();
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final Set<String> failing;
        final CountDownLatch release = new CountDownLatch(1);

        Batching(Set<String> failing) {
            this.failing = failing;
        }

        @Override
        public void process(byte[] body, AMQP.BasicProperties properties) throws Exception {
            String text = new String(body, StandardCharsets.UTF_8);
            release.await();
            consumed.times.add(System.currentTimeMillis());
            if (failing.contains(text)) {
                throw new IllegalStateException("cannot handle " + text);
            }
            consumed.handled.add(text);
        }

        @Override
        public void processAll(List<Delivery> deliveries) {
            List<String> texts = deliveries.stream().map(d -> new String(d.body(), StandardCharsets.UTF_8)).toList();
            batches.add(texts);
            if (texts.stream().anyMatch(failing::contains)) {
                throw new IllegalStateException("a batch with a bad message rolls back whole");
            }
            consumed.handled.addAll(texts);
        }
    }

    /** Publishes while the consumer is held on its first message, until all of them wait at the consumer. */
    private static void pileUp(Batching processor, List<String> messages) throws Exception {
        for (String message : messages) {
            processor.consumed.publish(message);
        }
        try (Channel reader = connection.createChannel()) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> reader.queueDeclarePassive(processor.consumed.queue).getMessageCount() == 0);
        }
        processor.release.countDown();
    }

    /** The settings dead-lettering reads: the service's name (its dead-letter queue's) and its broker user. */
    private static BusConfig config(String service) {
        return (BusConfig) Proxy.newProxyInstance(BusConfig.class.getClassLoader(), new Class<?>[] {BusConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("serviceName")) {
                        return service;
                    }
                    if (method.getName().equals("username")) {
                        return "guest";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
