package org.relops.request.config;

import java.time.Duration;

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

    interface Failover {

        /** Replace a failed machine automatically (same image, same hostname, another system). */
        @WithDefault("true")
        boolean enabled();

        /** Consecutive boot failures of one image version after which it is suspect and replacement stops. */
        @WithDefault("3")
        int maxConsecutiveBootFailures();
    }
}
