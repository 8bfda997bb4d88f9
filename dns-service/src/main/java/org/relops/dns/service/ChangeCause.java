package org.relops.dns.service;

import org.relops.support.consume.EventContext;

/**
 * Why a zone changes, for its {@code dns.zone.changed} event: a description, the request it belongs to
 * (if any), and the event that caused it (if any: the new event then carries its correlation).
 */
public record ChangeCause(String description, String requestId, EventContext event) {

    public static ChangeCause of(String description) {
        return new ChangeCause(description, null, null);
    }
}
