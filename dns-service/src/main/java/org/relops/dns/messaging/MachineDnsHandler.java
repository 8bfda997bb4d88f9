package org.relops.dns.messaging;

import java.net.InetAddress;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.dns.service.ChangeCause;
import org.relops.dns.service.MachineRecords;
import org.relops.dns.service.NameTakenException;
import org.relops.dns.zone.ZoneNames;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.DnsRecordPublished;
import org.relops.model.event.DnsRecordRemoved;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.RelopsEvent;
import org.relops.model.value.Hostname;
import org.relops.support.consume.EventContext;
import org.relops.support.consume.EventHandler;
import org.relops.support.consume.PoisonMessageException;
import org.relops.support.outbox.EventOutbox;
import org.xbill.DNS.Name;

/**
 * Keeps machines in DNS: a booted machine gets its records ({@code dns.record.published}); a machine to
 * be decommissioned loses them ({@code dns.record.removed}, always, even when it had none).
 */
@ApplicationScoped
public class MachineDnsHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(MachineDnsHandler.class);

    @Inject
    MachineRecords machines;

    @Inject
    EventOutbox outbox;

    @Override
    public Set<Class<? extends RelopsEvent>> handles() {
        return Set.of(MachineBooted.class, DecommissionRequested.class);
    }

    @Override
    public void handle(RelopsEvent event, EventContext context) {
        if (event instanceof MachineBooted booted) {
            onBooted(booted, context);
        } else if (event instanceof DecommissionRequested decommission) {
            onDecommission(decommission, context);
        }
    }

    private void onBooted(MachineBooted booted, EventContext context) {
        Hostname hostname = hostname(booted.hostname());
        InetAddress address;
        try {
            address = MachineRecords.parseAddress(booted.address());
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException("machine.booted for " + hostname + ": " + e.getMessage());
        }
        Name fqdn;
        try {
            fqdn = machines.publishMachine(hostname, address,
                    new ChangeCause("machine " + hostname + " booted", booted.requestId(), context));
        } catch (NameTakenException e) {
            throw new PoisonMessageException(e.getMessage());
        }
        LOG.infof("published %s -> %s", ZoneNames.fqdn(fqdn), address.getHostAddress());
        outbox.emit(new DnsRecordPublished(booted.requestId(), hostname.value(), ZoneNames.fqdn(fqdn),
                address.getHostAddress()), context);
    }

    private void onDecommission(DecommissionRequested decommission, EventContext context) {
        Hostname hostname = hostname(decommission.hostname());
        Name fqdn = machines.removeMachine(hostname,
                new ChangeCause("machine " + hostname + " decommissioned", decommission.requestId(), context));
        LOG.infof("removed %s", ZoneNames.fqdn(fqdn));
        outbox.emit(new DnsRecordRemoved(decommission.requestId(), hostname.value(), ZoneNames.fqdn(fqdn)), context);
    }

    private static Hostname hostname(String value) {
        try {
            return new Hostname(value);
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException(e.getMessage());
        }
    }
}
