package org.relops.support.consume;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.model.Bus;
import org.relops.support.bus.BusConfig;
import org.relops.support.bus.BusConnection;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

/**
 * What an operator does with the service's dead-letter queue: look at the messages in it (each with the reason it
 * was dead-lettered and the queue it came from) and replay them, all or one by message id, into the queue they
 * came from with their attempts counted from zero. Messages looked at, or not picked for a replay, stay where they
 * are, in their order; a replayed message leaves the dead-letter queue only once the broker confirmed it back in
 * its own queue, so a replay cut short loses nothing (at worst a message is there twice, which the inbox absorbs).
 */
@ApplicationScoped
public class DeadLetterQueue {

    private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class);
    private static final int PREVIEW_BYTES = 2000;

    @Inject
    BusConfig config;

    @Inject
    BusConnection bus;

    /** One dead-lettered message as an operator reads it. */
    public record DeadLetter(String messageId, String type, String reason, String fromQueue, int attempts,
            String body) {
    }

    public String name() {
        return Bus.deadLetterQueue(config.serviceName());
    }

    /** How many messages the queue holds. */
    public long depth() throws IOException, TimeoutException {
        try (Channel channel = bus.openChannel()) {
            return channel.queueDeclarePassive(name()).getMessageCount();
        }
    }

    /** Up to {@code limit} messages from the head of the queue, left in it. */
    public List<DeadLetter> list(int limit) throws IOException, TimeoutException {
        List<DeadLetter> letters = new ArrayList<>();
        try (Channel channel = bus.openChannel()) {
            for (GetResponse message; letters.size() < limit && (message = channel.basicGet(name(), false)) != null; ) {
                letters.add(describe(message));
            }
            // closing the channel without acks puts every message back, in its order
        }
        return letters;
    }

    /** Replays up to {@code limit} messages that {@code pick} selects into their own queues; what was replayed. */
    public List<DeadLetter> replay(Predicate<DeadLetter> pick, int limit)
            throws IOException, TimeoutException, InterruptedException {
        List<DeadLetter> replayed = new ArrayList<>();
        try (Channel channel = bus.openChannel()) {
            channel.confirmSelect();
            AtomicBoolean returned = new AtomicBoolean();
            channel.addReturnListener(unroutable -> returned.set(true));
            List<Long> skipped = new ArrayList<>();
            for (GetResponse message; replayed.size() < limit && (message = channel.basicGet(name(), false)) != null; ) {
                DeadLetter letter = describe(message);
                if (letter.fromQueue() == null || !pick.test(letter)) {
                    skipped.add(message.getEnvelope().getDeliveryTag());
                    continue;
                }
                channel.basicPublish("", letter.fromQueue(), true, withoutDeadLetterHeaders(message.getProps(), config.username()),
                        message.getBody());
                channel.waitForConfirmsOrDie(10_000);
                if (returned.getAndSet(false)) {
                    LOG.warnf("dead letter %s not replayed: its queue %s no longer exists", letter.messageId(),
                            letter.fromQueue());
                    skipped.add(message.getEnvelope().getDeliveryTag());
                    continue;
                }
                channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                replayed.add(letter);
                LOG.infof("replayed dead letter %s (%s) into %s", letter.messageId(), letter.reason(), letter.fromQueue());
            }
            for (long tag : skipped) {
                channel.basicNack(tag, false, true);
            }
        }
        return replayed;
    }

    private static AMQP.BasicProperties withoutDeadLetterHeaders(AMQP.BasicProperties original, String serviceUser) {
        Map<String, Object> headers = new HashMap<>();
        if (original.getHeaders() != null) {
            headers.putAll(original.getHeaders());
        }
        headers.remove(Bus.DEAD_LETTER_REASON_HEADER);
        headers.remove(Bus.DEAD_LETTER_QUEUE_HEADER);
        headers.remove(Bus.ATTEMPTS_HEADER);
        return VouchedPublisher.republished(original, headers, serviceUser);
    }

    private static DeadLetter describe(GetResponse message) {
        AMQP.BasicProperties properties = message.getProps();
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        byte[] body = message.getBody();
        String text = new String(body, 0, Math.min(body.length, PREVIEW_BYTES), StandardCharsets.UTF_8);
        Object attempts = headers.get(Bus.ATTEMPTS_HEADER);
        return new DeadLetter(properties.getMessageId(), properties.getType(), header(headers, Bus.DEAD_LETTER_REASON_HEADER),
                header(headers, Bus.DEAD_LETTER_QUEUE_HEADER),
                attempts instanceof Number number ? number.intValue() : 0,
                body.length > PREVIEW_BYTES ? text + "... (" + body.length + " bytes)" : text);
    }

    private static String header(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return value == null ? null : value.toString();
    }
}
