package org.relops.request.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How request-service takes and follows requests ({@code relops.requests.*}). */
@ConfigMapping(prefix = "relops.requests")
public interface RequestConfig {

    /** Most machines one request may ask for. */
    @WithDefault("100")
    int maxCount();

    /** How long a request may stay in one unfinished state before it is reported stuck. */
    @WithDefault("15m")
    Duration stuckAfter();

    /**
     * How long a request may stay in one state on its way up (submitted, placing, provisioning) before it is
     * given up: failed with the step it was waiting on, and its machines that are not ready taken down, so that
     * their reservations are released.
     */
    @WithDefault("2h")
    Duration failAfter();

    /** How often to look for stuck requests (read by the scheduler). */
    @WithDefault("30s")
    Duration stuckCheckEvery();

    /** Failover of failed machines. */
    Failover failover();

    /** Who may ask for machines through the AMQP intake. */
    Intake intake();

    interface Intake {

        /**
         * The intake's requesters, as grants {@code user@application-environment}: the broker user may ask for
         * machines in that application environment ({@code user@*}: in any). A command from any other publisher,
         * for an environment its user was not granted, or without a {@code user-id}, is dead-lettered.
         */
        Optional<List<String>> requesters();
    }

    interface Failover {

        /** Replace a failed machine automatically (same image, same hostname, another system). */
        @WithDefault("true")
        boolean enabled();

        /** Consecutive boot failures of one image version after which it is suspect and replacement stops. */
        @WithDefault("3")
        int maxConsecutiveBootFailures();
    }
}
