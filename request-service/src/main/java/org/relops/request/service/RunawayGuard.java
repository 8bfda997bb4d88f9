package org.relops.request.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.model.event.ImageVersionSuspect;
import org.relops.request.ImageVersionHealth;
import org.relops.request.config.RequestConfig;
import org.relops.support.audit.AuditTrail;
import org.relops.support.consume.EventContext;
import org.relops.support.outbox.EventOutbox;

/**
 * Stops automatic replacement for an image version that keeps failing to boot, so that one broken
 * image never burns through a whole pool. Counts boot failures in a row per version across all
 * requests; a successful boot resets the count; at the limit the version is suspect, and says so
 * loudly (an event and an error in the log) until an operator clears it.
 */
@ApplicationScoped
public class RunawayGuard {

    private static final Logger LOG = Logger.getLogger(RunawayGuard.class);

    @Inject
    RequestConfig config;

    @Inject
    EventOutbox outbox;

    @Inject
    AuditTrail audit;

    /** Records a boot failure; returns whether machines of this version may still be replaced. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordBootFailure(String requestId, String image, String version, String reason, EventContext cause) {
        ImageVersionHealth health = ImageVersionHealth.lockedFor(image, version);
        health.consecutiveFailures++;
        health.lastReason = reason;
        health.touch();
        int limit = config.failover().maxConsecutiveBootFailures();
        if (!health.suspect && health.consecutiveFailures >= limit) {
            health.suspect = true;
            LOG.errorf("image %s version %s failed to boot %d times in a row; it is suspect and its machines are "
                    + "no longer replaced automatically (last: %s)", image, version, health.consecutiveFailures, reason);
            outbox.emit(new ImageVersionSuspect(requestId, image, version, health.consecutiveFailures, reason), cause);
        }
        return !health.suspect;
    }

    /** Records a successful boot: the version's failures in a row start again from zero. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordBoot(String image, String version) {
        ImageVersionHealth health = ImageVersionHealth.lockedFor(image, version);
        if (health.consecutiveFailures != 0) {
            health.consecutiveFailures = 0;
            health.touch();
        }
    }

    /** Whether a version is suspect right now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean isSuspect(String image, String version) {
        ImageVersionHealth health = ImageVersionHealth.findById(new ImageVersionHealth.Key(image, version));
        return health != null && health.suspect;
    }

    /** An operator's word that a suspect version may be replaced again; false if it was not suspect. */
    @Transactional
    public boolean clearSuspect(String image, String version) {
        ImageVersionHealth health = ImageVersionHealth.findById(new ImageVersionHealth.Key(image, version));
        if (health == null || !health.suspect) {
            return false;
        }
        health.suspect = false;
        health.consecutiveFailures = 0;
        health.touch();
        audit.record("image/" + image + "/versions/" + version, "suspect cleared",
                "automatic replacement of its machines resumes");
        LOG.infof("image %s version %s cleared by an operator; automatic replacement resumes", image, version);
        return true;
    }
}
