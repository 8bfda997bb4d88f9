package org.relops.dns.service;

/**
 * A service name of the environment from configuration ({@code slavealloc}): its fully qualified name and
 * the address it resolves to.
 */
public record ServiceName(String name, String fqdn, String address) {
}
