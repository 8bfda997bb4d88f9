package org.relops.model.event;

/**
 * slavealloc-service disabled a buildbot master because its machine is being decommissioned: no slave is
 * allocated to it any more, and its slaves move to the other masters of the pool at their next boot.
 */
@EventType("master.disabled")
public record MasterDisabled(String requestId, String master, String pool) implements RelopsEvent {
}
