package org.relops.inventory.placement;

import java.util.List;

/** What placement decided for a request: every machine's system, or why none. */
public sealed interface Placement {

    /** One system per requested machine, in the order of the request's hostnames. */
    record Placed(List<Candidate> systems) implements Placement {
    }

    /** Nothing can be placed; the reason says exactly what is missing. */
    record Unplaceable(String reason) implements Placement {
    }
}
