package org.relops.model;

/** Names on the bus that every service and outside publisher agrees on. */
public final class Bus {

    /** The durable topic exchange every event goes to; routing key = event type. */
    public static final String EVENTS_EXCHANGE = "relops.events";

    /** The durable queue outside producers publish provisioning commands to. */
    public static final String REQUEST_INTAKE_QUEUE = "relops.requests";
    /** The exchange publishers send intake commands to (fanout into {@link #REQUEST_INTAKE_QUEUE}). */
    public static final String REQUEST_INTAKE_EXCHANGE = "relops.requests";

    /** Content type of a structured-mode CloudEvent. */
    public static final String CLOUDEVENTS_CONTENT_TYPE = "application/cloudevents+json";

    /** Header a dead-lettered message carries: why it was dead-lettered. */
    public static final String DEAD_LETTER_REASON_HEADER = "x-relops-dead-letter-reason";

    /** Header a dead-lettered message carries: the queue it was taken from. */
    public static final String DEAD_LETTER_QUEUE_HEADER = "x-relops-original-queue";

    /**
     * Header of a message a service put back (retry, dead letter, replay): the broker-vouched publisher of the
     * original ({@code user-id}), empty for none; believed only when the message's user-id is the service's own.
     */
    public static final String PUBLISHED_BY_HEADER = "x-relops-published-by";

    /** Header counting how many times a message was tried and put back. */
    public static final String ATTEMPTS_HEADER = "x-relops-attempts";

    private Bus() {
    }

    /** The queue a service consumes its events from. */
    public static String eventQueue(String service) {
        return service + ".events";
    }

    /** The queue a service's unprocessable messages go to. */
    public static String deadLetterQueue(String service) {
        return service + ".dead-letter";
    }
}
