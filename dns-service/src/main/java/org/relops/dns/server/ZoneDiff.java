package org.relops.dns.server;

import java.util.List;

import org.xbill.DNS.Record;

/** What one change did to a zone, from one serial to the next: what an IXFR sends for it. */
public record ZoneDiff(long fromSerial, long toSerial, List<Record> removed, List<Record> added) {
}
