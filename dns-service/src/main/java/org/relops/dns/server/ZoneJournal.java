package org.relops.dns.server;

import java.util.List;
import java.util.Optional;

import org.xbill.DNS.Name;

/** Where the server finds a zone's past changes for incremental transfers. */
@FunctionalInterface
public interface ZoneJournal {

    /** A journal that remembers nothing: every IXFR is answered with the whole zone. */
    ZoneJournal NONE = (zone, from, to) -> Optional.empty();

    /**
     * The changes that lead from one serial to another, in order; empty when the journal cannot tell
     * (the client's serial is too old or unknown).
     */
    Optional<List<ZoneDiff>> diffs(Name zone, long fromSerial, long toSerial);
}
