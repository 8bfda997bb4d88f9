package org.relops.model.event;

/** A machine is fully decommissioned: no slave, no DNS record, no VM, its system free. */
@EventType("machine.decommissioned")
public record MachineDecommissioned(String requestId, String hostname) implements RelopsEvent {
}
