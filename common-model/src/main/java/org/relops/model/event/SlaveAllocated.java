package org.relops.model.event;

/** slavealloc-service assigned a buildbot slave to a master. */
@EventType("slave.allocated")
public record SlaveAllocated(String requestId, String slave, String master, String masterFqdn, String pool)
        implements RelopsEvent {
}
