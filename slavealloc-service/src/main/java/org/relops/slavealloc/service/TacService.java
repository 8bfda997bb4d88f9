package org.relops.slavealloc.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.model.event.SlaveAllocated;
import org.relops.model.event.SlaveDetached;
import org.relops.slavealloc.Master;
import org.relops.slavealloc.Pool;
import org.relops.slavealloc.Slave;
import org.relops.slavealloc.TacTemplate;
import org.relops.slavealloc.service.TacOutcome.NoAllocation;
import org.relops.slavealloc.service.TacOutcome.Served;
import org.relops.slavealloc.service.TacRenderer.TacValues;
import org.relops.support.outbox.EventOutbox;

/**
 * Answers a slave asking for its buildbot.tac at boot: allocates it (recording its master, and an
 * event when that changed) and renders the tac with its password. {@link KnownSlaveTacs} answers first
 * for slaves that stay where they are; this is the path that writes. The dry run computes the same tac
 * without recording anything and without the password.
 */
@ApplicationScoped
public class TacService {

    private static final Logger LOG = Logger.getLogger(TacService.class);
    private static final String MASKED_PASSWORD = "********";

    @Inject
    TacAccess access;

    @Inject
    Allocator allocator;

    @Inject
    TacRenderer renderer;

    @Inject
    SlavePasswords passwords;

    @Inject
    EventOutbox outbox;

    @Transactional
    public TacOutcome fetch(String name, Requester requester) {
        Optional<Slave> known = Slave.findByName(name);
        if (known.isEmpty()) {
            return new NoAllocation("unknown slave");
        }
        if (!access.permits(known.get(), requester)) {
            return KnownSlaveTacs.refusal(known.get().name);
        }
        Slave slave = known.get();
        if (!slave.enabled) {
            detach(slave, slave.currentMasterId, "the slave is disabled");
            return new Served(renderer.renderDisabled(slave.name));
        }
        Optional<String> password = passwords.passwordFor(slave);
        if (password.isEmpty()) {
            LOG.warnf("slave %s has no password: neither its own nor one for its pool", slave.name);
            return new NoAllocation("no password for the slave");
        }
        Allocation allocation = allocator.allocate(slave);
        if (!allocation.attached()) {
            detach(slave, allocation.previousMasterId(), "no enabled master in the slave's pool");
            return new NoAllocation("no enabled master in the slave's pool");
        }
        Master master = allocation.master();
        if (allocation.moved()) {
            Pool pool = Pool.findById(slave.poolId);
            outbox.emit(new SlaveAllocated(slave.requestId, slave.name, master.nickname, master.fqdn, pool.name));
            LOG.infof("slave %s allocated to %s", slave.name, master.nickname);
        }
        return new Served(render(slave, master, password.get()));
    }

    /** The tac the slave would get now, with its password masked; records nothing. */
    @Transactional
    public TacOutcome preview(String name) {
        Optional<Slave> known = Slave.findByName(name);
        if (known.isEmpty()) {
            return new NoAllocation("unknown slave");
        }
        Slave slave = known.get();
        if (!slave.enabled) {
            return new Served(renderer.renderDisabled(slave.name));
        }
        return allocator.choose(slave)
                .<TacOutcome>map(master -> new Served(render(slave, master, MASKED_PASSWORD)))
                .orElseGet(() -> new NoAllocation("no enabled master in the slave's pool"));
    }

    private void detach(Slave slave, Integer previous, String reason) {
        slave.currentMasterId = null;
        if (previous != null) {
            String master = Master.<Master>findByIdOptional(previous).map(found -> found.nickname).orElse(null);
            outbox.emit(new SlaveDetached(slave.requestId, slave.name, master, reason));
            LOG.infof("slave %s detached from %s: %s", slave.name, master, reason);
        }
    }

    private String render(Slave slave, Master master, String password) {
        TacValues values = new TacValues(slave.name, slave.basedir, master.nickname, master.fqdn, master.pbPort,
                password);
        return renderer.render(template(slave), values);
    }

    private static String template(Slave slave) {
        Integer templateId = slave.customTemplateId;
        if (templateId == null) {
            templateId = Pool.<Pool>findByIdOptional(slave.poolId).map(pool -> pool.defaultTemplateId).orElse(null);
        }
        return templateId == null ? null
                : TacTemplate.<TacTemplate>findByIdOptional(templateId).map(found -> found.template).orElse(null);
    }
}
