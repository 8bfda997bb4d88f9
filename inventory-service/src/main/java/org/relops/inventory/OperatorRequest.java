package org.relops.inventory;

/** The body of an operator's action on a system: why it is done. */
public record OperatorRequest(String reason) {
}
