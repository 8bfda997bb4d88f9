package org.relops.support.consume;

import com.rabbitmq.client.AMQP;

/**
 * Processes one delivery from a queue. Throwing {@link PoisonMessageException} dead-letters it. A processor that
 * can also take the deliveries that wait together as one unit is a {@link BatchProcessor}.
 */
@FunctionalInterface
public interface DeliveryProcessor {

    void process(byte[] body, AMQP.BasicProperties properties) throws Exception;
}
