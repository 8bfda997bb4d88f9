package org.relops.model.event;

/**
 * slavealloc-service registered a buildbot master machine relops booted and enabled it in its pool, after
 * the master's REST API answered at the machine's address: new slaves of the pool may be allocated to it.
 */
@EventType("master.enabled")
public record MasterEnabled(String requestId, String master, String pool, String address, String webUrl)
        implements RelopsEvent {
}
