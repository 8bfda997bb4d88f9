package org.relops.imaging.secret;

/** A secret reference could not be resolved; the message names the reference, never a value. */
public class SecretException extends RuntimeException {

    public SecretException(String message) {
        super(message);
    }
}
