package org.relops.support.state;

/** A state change its entity's {@link TransitionTable} does not allow: refused, never applied. */
public class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}
