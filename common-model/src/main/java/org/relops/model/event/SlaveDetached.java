package org.relops.model.event;

/**
 * slavealloc-service took a slave off its master without forgetting it: the slave is disabled, or its
 * pool has no enabled master left. {@code master} is the one it was recorded on; requestId is null for
 * a slave relops did not create.
 */
@EventType("slave.detached")
public record SlaveDetached(String requestId, String slave, String master, String reason) implements RelopsEvent {
}
