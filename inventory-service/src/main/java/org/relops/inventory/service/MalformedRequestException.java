package org.relops.inventory.service;

/** A request that can never be placed as it stands: it names no id, the wrong number of hostnames, no image. */
public class MalformedRequestException extends RuntimeException {

    public MalformedRequestException(String reason) {
        super(reason);
    }
}
