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
    public void onMachineFailed(Machine machine, String reason, boolean imageStarted, EventContext cause) {
        ProvisioningRequest request = machine.request;
        String version = request.imageVersionOf(machine);
        String refusal;
        if (machine.booted) {
            // It died after booting: not the image's fault.
            refusal = guard.isSuspect(request.image, version) ? suspect(request, version) : null;
        } else if (machine.imageVersion != null && imageStarted) {
            // It started booting a known version and never came up: that counts against the version.
            refusal = guard.recordBootFailure(request.id, request.image, version, reason, cause)
                    ? null : suspect(request, version);
        } else {
            // It failed before any image was put on it (no system, a provider error such as a BMC refusing the
            // credentials, even after imaging-service chose the version): another system may
            // do, but not forever.
            refusal = machine.replacements < config.failover().maxConsecutiveBootFailures() ? null
                    : "replaced " + machine.replacements + " times without an image ever being put on it; giving up";
        }
        if (!config.failover().enabled()) {
            fail(machine, reason, cause);
        } else if (refusal != null) {
            fail(machine, reason + " (" + refusal + ")", cause);
        } else {
            replace(machine, reason, cause);
        }
    }

    private static String suspect(ProvisioningRequest request, String version) {
        return "image " + request.image + ":" + version + " is suspect after repeated boot failures; not replaced";
    }

    private void replace(Machine machine, String reason, EventContext cause) {
        ProvisioningRequest request = machine.request;
        String failedSystem = machine.systemName;
        machine.replacements++;
        machine.booted = false;
        machine.inDns = false;
        machine.masterEnabled = false;
        machine.address = null;
        machine.systemName = null;
        machine.imageVersion = null;
        machine.imageDigest = null;
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
