package org.relops.support.consume;

/**
 * A queue besides its event queue that a service consumes (the request intake queue, for one).
 * Implementations are CDI beans; the queue is declared durable with its dead-letter queue.
 */
public interface QueueSubscription {

    String queue();

    DeliveryProcessor processor();
}
