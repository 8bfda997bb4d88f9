package org.relops.model.event;

/**
 * slavealloc-service saw, through its master's REST API, a slave's buildbot worker connected to the master
 * it was allocated, in the boot {@code bootId} names (not a connection left over from an earlier boot).
 */
@EventType("slave.connected")
public record SlaveConnected(String requestId, String slave, String master, String bootId)
        implements RelopsEvent {
}
