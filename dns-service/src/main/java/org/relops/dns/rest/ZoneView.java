package org.relops.dns.rest;

import java.util.List;

/** The environment's forward zone (its SOA values and name servers) and its reverse zones. */
public record ZoneView(String name, long serial, String primaryNameServer, String hostmaster, List<String> nameServers,
        long refresh, long retry, long expire, long minimum, long records, List<ReverseZone> reverseZones) {

    /** A reverse zone and its serial. */
    public record ReverseZone(String name, long serial, long records) {
    }
}
