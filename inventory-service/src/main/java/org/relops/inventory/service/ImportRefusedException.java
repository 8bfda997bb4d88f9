package org.relops.inventory.service;

import org.relops.inventory.ImportPlan;

/** An import that was not applied, and the plan that shows why. */
public class ImportRefusedException extends RuntimeException {

    private final transient ImportPlan plan;

    public ImportRefusedException(String reason, ImportPlan plan) {
        super(reason);
        this.plan = plan;
    }

    public ImportPlan plan() {
        return plan;
    }
}
