package org.relops.slavealloc.service;

/**
 * Which version of the data a slave's tac was computed from: the generation of its silo (its own row and
 * its silo's counts) and the generation of everything else (masters, templates, pool passwords), as the
 * database's {@code tac_generations} held them. Equal generations mean no relevant row changed in between.
 */
public record Generation(String siloScope, long silo, long global) {

    /** The scope of the row for everything that is not a silo's. */
    public static final String GLOBAL_SCOPE = "*";
}
