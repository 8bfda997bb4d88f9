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
import org.relops.slavealloc.service.SlaveRegistry;
import org.relops.support.consume.EventContext;
import org.relops.support.consume.EventHandler;
import org.relops.support.consume.PoisonMessageException;
import org.relops.support.outbox.EventOutbox;

/**
 * Follows relops' machines: a booted buildbot slave is registered and allocated a master
 * ({@code slave.allocated}, every time, so the request can go on); a machine to decommission is
 * released and forgotten ({@code slave.released}, every time, even for a machine that was never a slave).
 */
@ApplicationScoped
public class SlaveRegistration implements EventHandler {

    private static final Logger LOG = Logger.getLogger(SlaveRegistration.class);

    @Inject
    SlaveRegistry registry;

    @Inject
    Allocator allocator;

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
        } else if (event instanceof DecommissionRequested decommission) {
            boolean forgotten = registry.forget(decommission.hostname());
            outbox.emit(new SlaveReleased(decommission.requestId(), decommission.hostname()), context);
            LOG.infof("slave %s released%s", decommission.hostname(), forgotten ? "" : " (it was not known)");
        }
    }

    private void onBooted(MachineBooted booted, EventContext context) {
        Slave slave = registry.register(booted);
        Allocation allocation = allocator.allocate(slave);
        if (!allocation.attached()) {
            throw new PoisonMessageException("pool of slave " + slave.name + " has no enabled master");
        }
        Master master = allocation.master();
        Pool pool = Pool.findById(slave.poolId);
        outbox.emit(new SlaveAllocated(booted.requestId(), slave.name, master.nickname, master.fqdn, pool.name),
                context);
        LOG.infof("slave %s registered in pool %s and allocated to %s", slave.name, pool.name, master.nickname);
    }
}
