package org.relops.imaging.provider.baremetal;

import org.relops.imaging.provider.ProviderException;

/** A BMC command that did not do what it was asked; {@link #kind()} says whether trying again can help. */
public class BmcException extends ProviderException {

    /** Why a BMC command failed. */
    public enum Kind {
        /** No answer (network, a BMC rebooting): worth retrying. */
        UNREACHABLE(true),
        /** The BMC refused the credentials: retrying cannot help, the secret must be fixed. */
        CREDENTIALS(false),
        /** The BMC answered but did not do what was asked (a refused boot device, a power state that stayed). */
        REFUSED(false);

        private final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Kind kind;

    public BmcException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
