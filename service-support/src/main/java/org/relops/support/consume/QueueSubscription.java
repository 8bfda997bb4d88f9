package org.relops.support.consume;

/**
 * A queue besides its event queue that a service consumes (the request intake queue, for one).
 * Implementations are CDI beans; the queue is declared durable with its dead-letter queue.
 */
public interface QueueSubscription {

    String queue();

    /**
     * An exchange of the queue's own that routes everything published to it into the queue (fanout), declared
     * with it: a publisher can then be given write permission on that exchange and nothing else, which the
     * default exchange cannot give (its permission reaches every queue). Empty: none.
     */
    default java.util.Optional<String> exchange() {
        return java.util.Optional.empty();
    }

    DeliveryProcessor processor();
}
