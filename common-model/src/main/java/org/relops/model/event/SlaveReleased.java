package org.relops.model.event;

/** slavealloc-service released a buildbot slave from its master and forgot it. */
@EventType("slave.released")
public record SlaveReleased(String requestId, String slave) implements RelopsEvent {
}
