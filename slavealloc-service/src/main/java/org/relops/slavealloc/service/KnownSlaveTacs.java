package org.relops.slavealloc.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.slavealloc.service.TacOutcome.NoAllocation;
import org.relops.slavealloc.service.TacOutcome.Refused;
import org.relops.slavealloc.service.TacOutcome.Served;
import org.relops.slavealloc.service.TacRenderer.TacValues;

/**
 * Answers {@code /gettac} for the common case without a transaction and without writing: an enabled slave
 * with a password that the allocation policy keeps on its current master (a reboot). It reads everything
 * in one statement ({@link SlaveTacQuery}) and checks access exactly as {@link TacService} does. Anything
 * else (a new slave, one that moves, a disabled one, one without a password) is left to
 * {@link TacService}, which allocates under the silo's lock.
 */
@ApplicationScoped
public class KnownSlaveTacs {

    @Inject
    SlaveTacQuery query;

    @Inject
    TacAccess access;

    @Inject
    SecretBox secrets;

    @Inject
    TacRenderer renderer;

    /** The answer if it needs no allocation; empty if the slave must go through {@link TacService}. */
    public Optional<TacOutcome> fetchIfStaying(String name, Requester requester) {
        Optional<SlaveTacRow> found = query.find(name);
        if (found.isEmpty()) {
            return Optional.of(new NoAllocation("unknown slave"));
        }
        return answer(found.get(), requester);
    }

    /** The answer to this request from a row read earlier; empty if the slave needs {@link TacService}. */
    Optional<TacOutcome> answer(SlaveTacRow slave, Requester requester) {
        if (!access.permits(slave.name(), slave.address(), slave.tacTokenHash(), requester)) {
            return Optional.of(refusal(slave.name()));
        }
        if (!slave.enabled() || slave.passwordEnc() == null) {
            return Optional.empty();
        }
        return slave.stayingMaster().map(master -> new Served(render(slave, master)));
    }

    static Refused refusal(String slave) {
        return new Refused("the tac of " + slave + " is served only to its own address or with its tac token");
    }

    private String render(SlaveTacRow slave, SlaveTacRow.Candidate master) {
        return renderer.render(slave.template(), new TacValues(slave.name(), slave.basedir(), master.nickname(),
                master.fqdn(), master.pbPort(), secrets.decrypt(slave.passwordEnc())));
    }
}
