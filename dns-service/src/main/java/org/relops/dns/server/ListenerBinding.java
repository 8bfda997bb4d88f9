package org.relops.dns.server;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * One address the DNS server must listen on, and whether it does: bound, or why not. Binding is tried
 * again on demand until it works, so an address that appears later (a network created after the
 * service started) or a port that frees up is picked up; the log says when that changes.
 */
public final class ListenerBinding implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ListenerBinding.class);

    private final String name;
    private final DnsServer.Settings settings;
    private final String hint;
    private final Duration retryInterval;
    private DnsServer server;
    private String failure;
    private int failedAttempts;
    private boolean closed;

    /**
     * @param name what the listener is, for readiness and the log: {@code machine listener 10.254.0.1:53}
     * @param hint what an operator can do when it cannot bind, for the log
     * @param retryInterval how often the owner calls {@link #bind} again, for the log and readiness
     */
    public ListenerBinding(String name, DnsServer.Settings settings, String hint, Duration retryInterval) {
        this.name = name;
        this.settings = settings;
        this.hint = hint;
        this.retryInterval = retryInterval;
    }

    /** Binds and starts serving unless it already does; {@code true} when it listens afterwards. */
    public synchronized boolean bind(DnsResponder responder) {
        if (server != null || closed) {
            return server != null;
        }
        try {
            server = DnsServer.start(settings, responder);
        } catch (IOException e) {
            failedAttempts++;
            boolean news = !e.getMessage().equals(failure);
            failure = e.getMessage();
            if (news) {
                LOG.errorf("%s: %s (%s); trying again every %s", name, failure, hint, every());
            } else {
                LOG.debugf("%s: still %s (attempt %d)", name, failure, failedAttempts);
            }
            return false;
        }
        if (failedAttempts > 0) {
            LOG.infof("%s: listening now, after %d failed attempt(s)", name, failedAttempts);
        }
        failure = null;
        return true;
    }

    public String name() {
        return name;
    }

    public synchronized boolean listening() {
        return server != null;
    }

    /** The port it listens on; -1 while it does not. */
    public synchronized int port() {
        return server == null ? -1 : server.port();
    }

    /** Why the last attempt to bind failed, while it is not listening. */
    public synchronized Optional<String> failure() {
        return server == null ? Optional.ofNullable(failure) : Optional.empty();
    }

    /** Where it stands, in a phrase for readiness: listening on which port, or why not. */
    public synchronized String state() {
        if (server != null) {
            return "listening on port " + server.port();
        }
        return failure == null ? "not listening yet" : "not listening: " + failure + "; trying again every " + every();
    }

    private String every() {
        long millis = retryInterval.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
