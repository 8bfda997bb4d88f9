package org.relops.support.consume;

import com.rabbitmq.client.AMQP;

/** Processes one delivery from a queue. Throwing {@link PoisonMessageException} dead-letters it. */
@FunctionalInterface
public interface DeliveryProcessor {

    void process(byte[] body, AMQP.BasicProperties properties) throws Exception;
}
