package org.relops.model.event;

/** Marker for every event record that travels on the relops events exchange. */
public interface RelopsEvent {

    /** The request this event belongs to, if any; used as the CloudEvents subject by default. */
    String requestId();
}
