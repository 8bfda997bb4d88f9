package org.relops.request.service;

import java.util.ArrayList;
import java.util.List;

import org.relops.request.Machine;
import org.relops.request.MachineState;
import org.relops.request.ProvisioningRequest;

/** Says in words what a request, or one of its machines, is waiting for right now. */
public final class ProgressNarrator {

    private ProgressNarrator() {
    }

    public static String stepOf(ProvisioningRequest request) {
        return switch (request.state) {
            case SUBMITTED -> "waiting for its submission to reach the bus";
            case PLACING -> "waiting for inventory-service to place " + request.count + " machine(s)";
            case PROVISIONING -> provisioningStep(request);
            case FULFILLED -> "done: every machine is ready";
            case FAILED -> "failed: " + request.reason;
            case DECOMMISSIONING -> decommissioningStep(request);
            case DECOMMISSIONED -> "done: every machine is gone";
        };
    }

    public static String stepOf(Machine machine) {
        return switch (machine.state) {
            case PENDING -> "waiting for inventory-service to reserve a system";
            case RESERVED -> "waiting for imaging-service to start provisioning " + machine.systemName;
            case PROVISIONING -> "booting image version " + machine.imageVersion + " on " + machine.systemName;
            case BOOTED -> bootedStep(machine);
            case READY -> "ready";
            case REPLACING -> "being replaced after a failure (" + machine.reason + "); waiting for a new system";
            case FAILED -> "failed: " + machine.reason;
            case DECOMMISSIONING -> decommissioningStep(machine);
            case DECOMMISSIONED -> "decommissioned";
        };
    }

    private static String provisioningStep(ProvisioningRequest request) {
        long ready = request.machines.stream().filter(machine -> machine.state == MachineState.READY).count();
        StringBuilder step = new StringBuilder().append(ready).append(" of ").append(request.machines.size())
                .append(" machines ready");
        request.machines.stream().filter(machine -> machine.state != MachineState.READY && !machine.isBeingTakenDown())
                .findFirst()
                .ifPresent(machine -> step.append("; ").append(machine.hostname).append(": ").append(stepOf(machine)));
        return step.toString();
    }

    private static String decommissioningStep(ProvisioningRequest request) {
        long gone = request.machines.stream().filter(machine -> machine.state == MachineState.DECOMMISSIONED).count();
        StringBuilder step = new StringBuilder().append(gone).append(" of ").append(request.machines.size())
                .append(" machines decommissioned");
        request.machines.stream().filter(machine -> machine.state == MachineState.DECOMMISSIONING).findFirst()
                .ifPresent(machine -> step.append("; ").append(machine.hostname).append(": ").append(stepOf(machine)));
        return step.toString();
    }

    private static String bootedStep(Machine machine) {
        List<String> missing = new ArrayList<>();
        if (!machine.inDns) {
            missing.add("dns-service to publish its record");
        }
        if (machine.buildbotSlave && machine.master == null) {
            missing.add("slavealloc-service to assign a master");
        } else if (machine.buildbotSlave && !machine.isWorkerConnected()) {
            missing.add("its buildbot worker to connect to " + machine.master);
        }
        if (machine.isMaster() && !machine.masterEnabled) {
            missing.add("its buildbot master to answer (then slavealloc-service enables it)");
        }
        return "booted at " + machine.address + "; waiting for " + String.join(" and ", missing);
    }

    private static String decommissioningStep(Machine machine) {
        List<String> missing = new ArrayList<>();
        if (!machine.slaveReleased) {
            missing.add("slavealloc-service to release the slave");
        }
        if (!machine.dnsRemoved) {
            missing.add("dns-service to remove its records");
        }
        if (!machine.hostReleased) {
            missing.add("imaging-service to destroy it and inventory-service to free its system");
        }
        return "waiting for " + String.join(", ", missing);
    }
}
