package org.relops.support.consume;

import java.util.List;

import com.rabbitmq.client.AMQP;

/**
 * Processes deliveries from a queue. Throwing {@link PoisonMessageException} dead-letters a delivery. A processor
 * that {@link #batches()} can also process several deliveries that wait together, all of them or none.
 */
public interface DeliveryProcessor {

    /** One delivery's content. */
    record Delivery(byte[] body, AMQP.BasicProperties properties) {
    }

    void process(byte[] body, AMQP.BasicProperties properties) throws Exception;

    /** Whether {@link #processAll} may be given several deliveries at once. */
    default boolean batches() {
        return false;
    }

    /**
     * Processes the deliveries in their order as one unit: when it throws, none of them took effect, and each is
     * then processed on its own ({@link #process}), so one bad delivery costs the others nothing.
     */
    default void processAll(List<Delivery> deliveries) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " does not process batches");
    }
}
