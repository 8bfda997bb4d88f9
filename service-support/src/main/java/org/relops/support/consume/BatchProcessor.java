package org.relops.support.consume;

import java.util.List;

import com.rabbitmq.client.AMQP;

/** A {@link DeliveryProcessor} that can also process several deliveries that wait together, all of them or none. */
public interface BatchProcessor extends DeliveryProcessor {

    /** One delivery's content. */
    record Delivery(byte[] body, AMQP.BasicProperties properties) {
    }

    /**
     * Processes the deliveries in their order as one unit: when it throws, none of them took effect, and each is
     * then processed on its own ({@link #process}), so one bad delivery costs the others nothing.
     */
    void processAll(List<Delivery> deliveries) throws Exception;
}
