package org.relops.inventory.file;

import java.util.List;

/** An inventory file that cannot be applied; lists every problem found, each with where it is. */
public class InvalidInventoryFileException extends RuntimeException {

    private final List<String> problems;

    public InvalidInventoryFileException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
