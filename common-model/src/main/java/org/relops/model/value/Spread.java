package org.relops.model.value;

/** How a request's machines are spread over locations. */
public enum Spread {
    /** No spreading asked for. */
    NONE,
    /** No two machines in one rack. */
    RACK,
    /** No two machines in one row. */
    ROW,
    /** No two machines in one datacenter. */
    DATACENTER
}
