package org.relops.support.consume;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.relops.model.Bus;
import org.relops.model.envelope.MalformedEventException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.ManagedContext;

/**
 * Consumes one queue with manual acknowledgement. A message is acknowledged only after its processing committed;
 * a poison message (malformed, of a version it cannot read) is dead-lettered at once with the reason. A message
 * whose processing fails is held, unacknowledged, for a backoff delay ({@link RetryPolicy}), then put back with
 * its attempt count raised, and dead-lettered with the last error once it has used up its attempts. A failure of
 * the infrastructure (the database unreachable) is retried the same way but is no attempt: messages wait out an
 * outage, and as held messages fill the prefetch window, consumption pauses until it ends. A message held when
 * the service or the broker goes away is redelivered by the broker: nothing is lost. The consumer never stops on
 * a bad message.
 *
 * <p>Deliveries are handled on a thread of the consumer's own, in their order. For a processor that batches,
 * the deliveries that wait together (up to the batch size) are handled as one unit and acknowledged after it
 * committed; a unit that fails is handled again one delivery at a time, so the rules above apply to each message
 * alone and a bad message holds up no other.
 */
final class QueueConsumer extends DefaultConsumer {

    private static final Logger LOG = Logger.getLogger(QueueConsumer.class);

    private final String queue;
    /** The user this service is on the broker as: what it puts back, it publishes as this user. */
    private final String brokerUser;
    private final DeliveryProcessor processor;
    private final DeadLetters deadLetters;
    private final RetryPolicy retries;
    private final ScheduledExecutorService later;
    /** Whether an outage is under way, so that it is logged once when it starts and once when it ends. */
    private final AtomicBoolean inOutage = new AtomicBoolean();
    /** Failures in a row for want of the infrastructure: the backoff of an outage grows with it. */
    private final AtomicInteger outageFailures = new AtomicInteger();
    /** Deliveries not handled yet: at most the channel's prefetch, since each is acknowledged after handling. */
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final int batchSize;
    private final Thread worker;

    /** A delivery as the broker handed it over. */
    private record Received(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    }

    QueueConsumer(Channel channel, String queue, String brokerUser, DeliveryProcessor processor,
            DeadLetters deadLetters, RetryPolicy retries, ScheduledExecutorService later, int batchSize) {
        super(channel);
        this.queue = queue;
        this.brokerUser = brokerUser;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.retries = retries;
        this.later = later;
        this.batchSize = processor instanceof BatchProcessor ? Math.max(1, batchSize) : 1;
        worker = new Thread(this::handleReceived, "bus-consumer-" + queue);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void handleCancel(String consumerTag) {
        // the broker ended the subscription (its queue went away): nothing more will be delivered to this consumer
        worker.interrupt();
    }

    @Override
    public void handleCancelOk(String consumerTag) {
        worker.interrupt();
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        received.add(new Received(envelope, properties, body));
    }

    /** The consumer's thread: takes what waits, as a batch when the processor batches, and handles it. */
    private void handleReceived() {
        List<Received> batch = new ArrayList<>(batchSize);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(received.take());
                received.drainTo(batch, batchSize - 1);
                if (batch.size() == 1) {
                    handle(batch.get(0));
                } else {
                    handleTogether(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                // an acknowledgement lost with its channel: the broker delivers the message again
                LOG.warnf("could not settle a message from %s (%s); the broker redelivers it", queue, e.getMessage());
            } finally {
                batch.clear();
            }
        }
    }

    private void handleTogether(List<Received> batch) throws IOException {
        try {
            inRequestContext(() -> ((BatchProcessor) processor).processAll(batch.stream()
                    .map(delivery -> new BatchProcessor.Delivery(delivery.body(), delivery.properties())).toList()));
        } catch (Exception e) {
            LOG.debugf("a batch of %d from %s failed (%s); handling them one at a time", batch.size(), queue,
                    e.getMessage());
            for (Received delivery : batch) {
                handle(delivery);
            }
            return;
        }
        worksAgain();
        synchronized (this) {
            for (Received delivery : batch) {
                getChannel().basicAck(delivery.envelope().getDeliveryTag(), false);
            }
        }
    }

    private void handle(Received delivery) throws IOException {
        Envelope envelope = delivery.envelope();
        AMQP.BasicProperties properties = delivery.properties();
        byte[] body = delivery.body();
        try {
            inRequestContext(() -> processor.process(body, properties));
            worksAgain();
        } catch (PoisonMessageException | MalformedEventException e) {
            synchronized (this) {
                deadLetter(properties, body, e.getMessage());
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
            return;
        } catch (Exception e) {
            retryLater(envelope, properties, body, e);
            return;
        }
        synchronized (this) {
            getChannel().basicAck(envelope.getDeliveryTag(), false);
        }
    }

    private void worksAgain() {
        if (inOutage.compareAndSet(true, false)) {
            LOG.infof("handling messages from %s works again", queue);
        }
        outageFailures.set(0);
    }

    /** Work that may throw anything. */
    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static void inRequestContext(Work work) throws Exception {
        ArcContainer container = Arc.container();
        if (container == null) {
            work.run();
            return;
        }
        ManagedContext requestContext = container.requestContext();
        requestContext.activate();
        try {
            work.run();
        } finally {
            requestContext.terminate();
        }
    }

    private void retryLater(Envelope envelope, AMQP.BasicProperties properties, byte[] body, Exception error)
            throws IOException {
        boolean outage = Outages.isOutage(error);
        int attempts = attempts(properties) + (outage ? 0 : 1);
        String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (!outage && attempts >= retries.maxAttempts()) {
            synchronized (this) {
                deadLetter(properties, body, "failed " + attempts + " times, last: " + reason);
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
            return;
        }
        Duration delay = retries.delayAfter(outage ? outageFailures.incrementAndGet() : attempts);
        if (outage) {
            if (inOutage.compareAndSet(false, true)) {
                LOG.warnf("handling messages from %s fails for want of its infrastructure (%s): they wait for it, "
                        + "retried with backoff, and do not use up their attempts", queue, reason);
            }
        } else {
            LOG.warnf(error, "handling a message from %s failed (attempt %d of %d); trying again in %d ms", queue,
                    attempts, retries.maxAttempts(), delay.toMillis());
        }
        later.schedule(() -> putBack(envelope, properties, body, attempts), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Puts a held message back on its queue with its attempt count, then lets go of the held delivery. */
    private void putBack(Envelope envelope, AMQP.BasicProperties properties, byte[] body, int attempts) {
        Map<String, Object> headers = new HashMap<>();
        if (properties.getHeaders() != null) {
            headers.putAll(properties.getHeaders());
        }
        headers.put(Bus.ATTEMPTS_HEADER, attempts);
        synchronized (this) {
            try {
                getChannel().basicPublish("", queue, VouchedPublisher.republished(properties, headers, brokerUser),
                        body);
                getChannel().waitForConfirmsOrDie(10_000);
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            } catch (IOException | TimeoutException | RuntimeException e) {
                // The held delivery is still unacknowledged: the broker delivers it again (on this channel's
                // recovery, or to another consumer), so it is not lost.
                LOG.warnf("could not put a message back on %s (%s); the broker redelivers it", queue, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void deadLetter(AMQP.BasicProperties properties, byte[] body, String reason) throws IOException {
        try {
            deadLetters.send(getChannel(), queue, properties, body, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while dead-lettering a message from " + queue, e);
        } catch (TimeoutException e) {
            throw new IOException("no confirm while dead-lettering a message from " + queue, e);
        }
    }

    private static int attempts(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties.getHeaders();
        Object value = headers == null ? null : headers.get(Bus.ATTEMPTS_HEADER);
        return value instanceof Number number ? number.intValue() : 0;
    }
}
