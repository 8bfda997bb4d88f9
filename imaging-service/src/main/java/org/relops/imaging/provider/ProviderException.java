package org.relops.imaging.provider;

/** A provider could not do what it was asked; the message is the reason a machine fails with. */
public class ProviderException extends RuntimeException {

    public ProviderException(String message) {
        super(message);
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
