package org.relops.imaging.build;

/** An image version could not be built; the message says which input or step and why. */
public class BuildException extends RuntimeException {

    public BuildException(String message) {
        super(message);
    }

    public BuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
