package org.relops.imaging.provider.libvirt;

import java.util.Set;

import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/**
 * One connection to a libvirt daemon, opened at first use and opened again when the daemon went away (a
 * restarted libvirtd keeps its domains running; only the connection is lost). Calls are serialised: libvirt-java
 * connections are not meant to be shared between threads.
 */
final class LibvirtConnection {

    private static final Logger LOG = Logger.getLogger(LibvirtConnection.class);
    /** Errors that mean the connection, not the call, failed: worth one more try on a new connection. */
    private static final Set<ErrorNumber> CONNECTION_ERRORS = Set.of(ErrorNumber.VIR_ERR_NO_CONNECT,
            ErrorNumber.VIR_ERR_RPC);

    /** A call on the connection. */
    interface Call<T> {
        T on(Connect connect) throws LibvirtException;
    }

    private final String uri;
    private Connect connect;

    LibvirtConnection(String uri) {
        this.uri = uri;
    }

    String uri() {
        return uri;
    }

    /** Makes the call, on a fresh connection once more if the first one broke. */
    synchronized <T> T call(Call<T> call) throws LibvirtException {
        try {
            return call.on(open());
        } catch (LibvirtException e) {
            if (!brokeTheConnection(e)) {
                throw e;
            }
            LOG.infof("libvirt connection to %s lost (%s): connecting again", uri, e.getMessage());
            close();
            return call.on(open());
        }
    }

    private boolean brokeTheConnection(LibvirtException e) {
        if (e.getError() != null && CONNECTION_ERRORS.contains(e.getError().getCode())) {
            return true;
        }
        try {
            return connect == null || !connect.isAlive();
        } catch (LibvirtException notAlive) {
            return true;
        }
    }

    private Connect open() throws LibvirtException {
        if (connect == null) {
            connect = new Connect(uri);
        }
        return connect;
    }

    synchronized void close() {
        if (connect == null) {
            return;
        }
        try {
            connect.close();
        } catch (LibvirtException e) {
            LOG.debugf("closing the libvirt connection to %s: %s", uri, e.getMessage());
        }
        connect = null;
    }
}
