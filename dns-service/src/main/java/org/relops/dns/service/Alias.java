package org.relops.dns.service;

import java.util.List;

/**
 * A service alias of the environment ({@code puppet}, {@code slavealloc}): either a CNAME to a target
 * name or address records.
 */
public record Alias(String name, String fqdn, String type, String target, List<String> addresses, int ttl) {
}
