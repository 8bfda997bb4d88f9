package org.relops.dashboard;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Where the dashboard reads the environment, with what token, and how often. */
@ConfigMapping(prefix = "relops.dashboard")
public interface DashboardConfig {

    /** The base URL of each service it reads. */
    Services services();

    /** A file holding the viewer token the services are read with; read again at every refresh. */
    Path tokenFile();

    /** Events are coalesced: what they touched is read again at most this often. */
    Duration coalesce();

    /** Everything is read again this often, whatever the events say. */
    Duration resyncInterval();

    /** How many of the latest events the dashboard shows. */
    int recentEvents();

    /** The services' base URLs. */
    interface Services {
        String request();

        String inventory();

        String imaging();

        String slavealloc();
    }
}
