package org.relops.dns.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

import org.xbill.DNS.Rcode;

/** Counters of what the server did, cheap enough to bump on every packet; read for metrics. */
public final class ServerStats {

    private static final int RCODES = 24;

    private final LongAdder[] answered = new LongAdder[RCODES];
    private final LongAdder cached = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder badSignature = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder transferred = new LongAdder();

    public ServerStats() {
        for (int i = 0; i < RCODES; i++) {
            answered[i] = new LongAdder();
        }
    }

    void answered(int rcode) {
        answered[Math.min(Math.max(rcode, 0), RCODES - 1)].increment();
    }

    void cached() {
        cached.increment();
    }

    void dropped() {
        dropped.increment();
    }

    void malformed() {
        malformed.increment();
    }

    void badSignature() {
        badSignature.increment();
    }

    void truncated() {
        truncated.increment();
    }

    void transferred() {
        transferred.increment();
    }

    /** Answers built (not from the cache) by response code name. */
    public Map<String, Long> answeredByRcode() {
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < RCODES; i++) {
            long count = answered[i].sum();
            if (count > 0) {
                counts.put(Rcode.string(i), count);
            }
        }
        return counts;
    }

    public long cachedAnswers() {
        return cached.sum();
    }

    public long droppedPackets() {
        return dropped.sum();
    }

    public long malformedPackets() {
        return malformed.sum();
    }

    public long badSignatures() {
        return badSignature.sum();
    }

    public long truncatedAnswers() {
        return truncated.sum();
    }

    public long zoneTransfers() {
        return transferred.sum();
    }
}
