package org.relops.dns.service;

/** A name is already used by records of another kind (a machine's name is an alias, or the reverse). */
public class NameTakenException extends RuntimeException {

    public NameTakenException(String message) {
        super(message);
    }
}
