package org.relops.dns.rest;

import java.util.List;

/** PUT body of an alias: {@code {"target": "bm-master01"}} or {@code {"addresses": ["10.0.0.5"]}}, optional ttl. */
public record AliasBody(String target, List<String> addresses, Integer ttl) {
}
