package org.relops.slavealloc.service;

import java.util.Optional;

/** Who asks for a tac: the address the request came from, and the tac token it showed, if any. */
public record Requester(String address, Optional<String> token) {
}
