package org.relops.support.consume;

/** A message that can never be handled; it goes to the dead-letter queue with this message as the reason. */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason) {
        super(reason);
    }
}
