package org.relops.imaging.service;

/** What a machine's boot agent sends when it phones home. */
public record BootReport(String mac, String token, String digest, String address, String disk, Integer boots) {
}
