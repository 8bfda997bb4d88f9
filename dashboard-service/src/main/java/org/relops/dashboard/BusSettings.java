package org.relops.dashboard;

import io.smallrye.config.ConfigMapping;

/** The environment's broker, under the same keys as every service's ({@code relops.bus.*}). */
@ConfigMapping(prefix = "relops.bus")
public interface BusSettings {

    String host();

    int port();

    String virtualHost();

    String username();

    /** A secret: given in the environment ({@code RELOPS_BUS_PASSWORD}), never on a command line. */
    String password();
}
