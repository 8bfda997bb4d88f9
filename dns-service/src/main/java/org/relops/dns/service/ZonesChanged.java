package org.relops.dns.service;

import java.util.Set;

/** CDI event fired after a transaction that changed zones committed: the names of the zones it changed. */
public record ZonesChanged(Set<String> zones) {
}
