package org.relops.request.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.relops.model.event.MachineReplacementRequested;
import org.relops.model.event.RequestFailed;
import org.relops.request.Machine;
import org.relops.request.MachineState;
import org.relops.request.ProvisioningRequest;
import org.relops.request.RequestState;
import org.relops.request.config.RequestConfig;
import org.relops.support.consume.EventContext;
import org.relops.support.outbox.EventOutbox;

/**
 * Decides what happens to a machine that failed: replaced from the same image with the same
 * hostname on another system (inventory quarantines the old one), unless failover is off or the
 * image version is suspect, in which case the machine and its request fail with the reason.
 */
@ApplicationScoped
public class Failover {

    @Inject
    RequestConfig config;

    @Inject
    RunawayGuard guard;

    @Inject
    EventOutbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void onMachineFailed(Machine machine, String reason, EventContext cause) {
        ProvisioningRequest request = machine.request;
        String version = request.imageVersionOf(machine);
        // A machine that never booted counts against its image; one that died after booting does not.
        boolean replaceable = machine.booted
                ? !guard.isSuspect(request.image, version)
                : guard.recordBootFailure(request.id, request.image, version, reason, cause);
        if (config.failover().enabled() && replaceable) {
            replace(machine, reason, cause);
        } else {
            String why = replaceable ? reason : reason + " (image " + request.image + ":" + version
                    + " is suspect after repeated boot failures; not replaced)";
            fail(machine, why, cause);
        }
    }

    private void replace(Machine machine, String reason, EventContext cause) {
        ProvisioningRequest request = machine.request;
        String failedSystem = machine.systemName;
        machine.replacements++;
        machine.booted = false;
        machine.inDns = false;
        machine.address = null;
        machine.systemName = null;
        machine.moveTo(MachineState.REPLACING, reason);
        if (request.state == RequestState.FULFILLED) {
            request.moveTo(RequestState.PROVISIONING, "replacing " + machine.hostname + ": " + reason);
        }
        outbox.emit(new MachineReplacementRequested(request.id, machine.hostname, failedSystem, request.image,
                request.imageVersion, request.appEnvironment, request.constraints(), reason), cause);
    }

    private void fail(Machine machine, String reason, EventContext cause) {
        machine.moveTo(MachineState.FAILED, reason);
        ProvisioningRequest request = machine.request;
        if (request.state != RequestState.FAILED) {
            String why = "machine " + machine.hostname + " failed: " + reason;
            request.moveTo(RequestState.FAILED, why);
            outbox.emit(new RequestFailed(request.id, why), cause);
        }
    }
}
