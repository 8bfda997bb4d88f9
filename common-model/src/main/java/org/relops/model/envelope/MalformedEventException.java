package org.relops.model.envelope;

/** A message that is not a well-formed relops event; its message says exactly what is wrong. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason);
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
