package org.relops.dns.server;

import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/** Applies RFC 2136 updates whose TSIG signature the server has verified: where the zone's records live. */
@FunctionalInterface
public interface ZoneUpdater {

    /** Applies the update to the zone atomically, or not at all; returns the response code. */
    int update(Name zone, Message update, Name keyName);
}
