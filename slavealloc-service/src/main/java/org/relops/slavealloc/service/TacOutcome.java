package org.relops.slavealloc.service;

/** How a request for a slave's tac ends. */
public sealed interface TacOutcome {

    /** The tac to hand out. */
    record Served(String tac) implements TacOutcome {
    }

    /** No such slave, or nothing it can be attached to: the classic {@code no allocation available}. */
    record NoAllocation(String why) implements TacOutcome {
    }

    /** The request may not have this slave's tac. */
    record Refused(String why) implements TacOutcome {
    }
}
