package org.relops.slavealloc.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.slavealloc.service.TacOutcome.Refused;
import org.relops.slavealloc.service.TacOutcome.Served;
import org.relops.slavealloc.service.TacRenderer.TacValues;

/**
 * Answers {@code /gettac} for the common case without a transaction and without writing: an enabled slave
 * with a password that the allocation policy keeps on its current master (a reboot), from the row
 * {@link SlaveTacQuery} read in one statement; it checks access exactly as {@link TacService} does. Anything
 * else (a new slave, one that moves, a disabled one, one without a password) is left to
 * {@link TacService}, which allocates under the silo's lock.
 */
@ApplicationScoped
public class KnownSlaveTacs {

    @Inject
    TacAccess access;

    @Inject
    SecretBox secrets;

    @Inject
    TacRenderer renderer;

    /** The answer to this request from a row read earlier; empty if the slave needs {@link TacService}. */
    Optional<TacOutcome> answer(SlaveTacRow slave, Requester requester) {
        if (!access.permits(slave.name(), slave.address(), slave.tacTokenHash(), requester)) {
            return Optional.of(refusal(slave.name()));
        }
        if (!slave.enabled() || slave.passwordEnc() == null) {
            return Optional.empty();
        }
        return slave.stayingMaster().map(master -> served(slave, master));
    }

    /** The tac that attaches this slave (permitted, enabled, with a password) to that master. */
    Served served(SlaveTacRow slave, SlaveTacRow.Candidate master) {
        return new Served(render(slave, master));
    }

    static Refused refusal(String slave) {
        return new Refused("the tac of " + slave + " is served only to its own address or with its tac token");
    }

    private String render(SlaveTacRow slave, SlaveTacRow.Candidate master) {
        return renderer.render(slave.template(), new TacValues(slave.name(), slave.basedir(), master.nickname(),
                master.fqdn(), master.pbPort(), secrets.decrypt(slave.passwordEnc())));
    }
}
