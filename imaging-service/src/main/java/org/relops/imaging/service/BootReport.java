package org.relops.imaging.service;

/**
 * What a machine's boot agent sends when it phones home, and the address the request came from
 * ({@code from}), which must be the machine's own.
 */
public record BootReport(String mac, String token, String digest, String address, String disk, Integer boots,
        String bootId, String from) {
}
