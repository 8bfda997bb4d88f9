package org.relops.inventory.service;

/** A change of state the lifecycle does not allow (retiring a system a machine runs on, say). */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String reason) {
        super(reason);
    }
}
