package org.relops.slavealloc.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.RelopsEvent;
import org.relops.model.event.SlaveAllocated;
import org.relops.model.event.SlaveReleased;
import org.relops.slavealloc.Master;
import org.relops.slavealloc.Pool;
import org.relops.slavealloc.Slave;
import org.relops.slavealloc.service.Allocation;
import org.relops.slavealloc.service.Allocator;
import org.relops.slavealloc.service.MasterRegistry;
import org.relops.slavealloc.service.SlaveRegistry;
import org.relops.support.consume.EventContext;
import org.relops.support.consume.EventHandler;
import org.relops.support.consume.PoisonMessageException;
import org.relops.support.outbox.EventOutbox;

/**
 * Follows relops' machines: a booted buildbot slave is registered and, when its pool has an enabled master,
 * allocated one ({@code slave.allocated}; otherwise at its first {@code /gettac} once a master is enabled); a
 * booted buildbot master is registered, disabled until it answers; a machine to decommission is, if it is a
 * master, disabled first ({@code master.disabled}), then released and forgotten as a slave
 * ({@code slave.released}, every time, even for a machine that was never a slave).
 */
@ApplicationScoped
public class SlaveRegistration implements EventHandler {

    private static final Logger LOG = Logger.getLogger(SlaveRegistration.class);

    @Inject
    SlaveRegistry registry;

    @Inject
    Allocator allocator;

    @Inject
    MasterRegistry masters;

    @Inject
    EventOutbox outbox;

    @Override
    public Set<Class<? extends RelopsEvent>> handles() {
        return Set.of(MachineBooted.class, DecommissionRequested.class);
    }

    @Override
    public void handle(RelopsEvent event, EventContext context) {
        if (event instanceof MachineBooted booted && booted.buildbotSlave()) {
            onBooted(booted, context);
        } else if (event instanceof MachineBooted booted && masters.isMasterRole(booted.role())) {
            masters.register(booted);
        } else if (event instanceof DecommissionRequested decommission) {
            // A master is disabled before anything else happens to its machine: no slave goes to it any more.
            masters.disable(decommission.hostname(), decommission.requestId(), context);
            boolean forgotten = registry.forget(decommission.hostname());
            outbox.emit(new SlaveReleased(decommission.requestId(), decommission.hostname()), context);
            LOG.infof("slave %s released%s", decommission.hostname(), forgotten ? "" : " (it was not known)");
        }
    }

    private void onBooted(MachineBooted booted, EventContext context) {
        Slave slave = registry.register(booted);
        Allocation allocation = allocator.allocate(slave);
        if (!allocation.attached()) {
            // Not an error: its worker asks for its tac until a master of the pool is enabled, and is
            // allocated then.
            LOG.infof("slave %s registered; its pool has no enabled master yet", slave.name);
            return;
        }
        Master master = allocation.master();
        Pool pool = Pool.findById(slave.poolId);
        outbox.emit(new SlaveAllocated(booted.requestId(), slave.name, master.nickname, master.fqdn, pool.name),
                context);
        LOG.infof("slave %s registered in pool %s and allocated to %s", slave.name, pool.name, master.nickname);
    }
}
