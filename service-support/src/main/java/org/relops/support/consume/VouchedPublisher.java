package org.relops.support.consume;

import java.util.HashMap;
import java.util.Map;

import org.relops.model.Bus;

import com.rabbitmq.client.AMQP;

/**
 * Who published a message, as the broker vouches for it: its {@code user-id}, which RabbitMQ refuses unless it is
 * the user of the publishing connection. A service that puts a message back (a retry, a dead letter, a replay)
 * publishes it as itself, so the broker would refuse the original {@code user-id}; it names itself instead and
 * carries the original publisher in {@link Bus#PUBLISHED_BY_HEADER}. That header is believed only on a message
 * whose {@code user-id} is the service's own broker user, which no other publisher can claim.
 */
public final class VouchedPublisher {

    private VouchedPublisher() {
    }

    /** The publisher the broker vouched for, or null when the message names none. */
    public static String of(AMQP.BasicProperties properties, String serviceUser) {
        String user = properties == null ? null : blankToNull(properties.getUserId());
        if (user == null) {
            return null;
        }
        Map<String, Object> headers = properties.getHeaders();
        if (user.equals(serviceUser) && headers != null && headers.containsKey(Bus.PUBLISHED_BY_HEADER)) {
            return blankToNull(String.valueOf(headers.get(Bus.PUBLISHED_BY_HEADER)));
        }
        return user;
    }

    /** The properties for putting the message back as {@code serviceUser}, its vouched publisher kept. */
    public static AMQP.BasicProperties republished(AMQP.BasicProperties original, Map<String, Object> headers,
            String serviceUser) {
        Map<String, Object> kept = new HashMap<>(headers);
        String publisher = of(original, serviceUser);
        // empty: nobody; a missing header would make the service's own user the publisher
        kept.put(Bus.PUBLISHED_BY_HEADER, publisher == null ? "" : publisher);
        return original.builder().headers(kept).userId(serviceUser).build();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
