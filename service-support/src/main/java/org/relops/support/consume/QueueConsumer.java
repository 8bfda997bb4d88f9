package org.relops.support.consume;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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

    QueueConsumer(Channel channel, String queue, String brokerUser, DeliveryProcessor processor,
            DeadLetters deadLetters, RetryPolicy retries, ScheduledExecutorService later) {
        super(channel);
        this.queue = queue;
        this.brokerUser = brokerUser;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.retries = retries;
        this.later = later;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        try {
            processInRequestContext(body, properties);
            if (inOutage.compareAndSet(true, false)) {
                LOG.infof("handling messages from %s works again", queue);
            }
            outageFailures.set(0);
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

    private void processInRequestContext(byte[] body, AMQP.BasicProperties properties) throws Exception {
        ArcContainer container = Arc.container();
        if (container == null) {
            processor.process(body, properties);
            return;
        }
        ManagedContext requestContext = container.requestContext();
        requestContext.activate();
        try {
            processor.process(body, properties);
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
