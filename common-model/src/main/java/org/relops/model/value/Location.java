package org.relops.model.value;

/** Where a system stands: datacenter, row and rack. */
public record Location(String datacenter, String row, String rack) {

    @Override
    public String toString() {
        return datacenter + "/" + row + "/" + rack;
    }
}
