package org.relops.slavealloc.service;

import java.util.Map;

/**
 * One silo of one pool and how its slaves are spread over the pool's masters (every enabled master
 * is listed, with 0 if it has none; {@code unallocated} counts slaves attached to no master).
 */
public record SiloBalance(String pool, String distro, String bitlength, String speed, String purpose,
        String datacenter, String trustlevel, String environment, long slaves, long unallocated,
        Map<String, Long> masters) {
}
