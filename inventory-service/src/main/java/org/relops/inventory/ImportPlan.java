package org.relops.inventory;

import java.util.List;

import org.relops.inventory.file.Ipam.Assigned;
import org.relops.inventory.file.SystemSpec.FieldChange;

/**
 * What importing an inventory file does to the inventory: the systems it adds, removes and changes
 * (field by field), the share of systems that is, what it does to the segments, the addresses IPAM
 * assigns, and what stops it from being applied at all.
 */
public record ImportPlan(
        List<String> added,
        List<String> removed,
        List<SystemChange> changed,
        int unchanged,
        SegmentChanges segments,
        List<Assigned> assigned,
        int systemsBefore,
        double changeShare,
        double maxChangeShare,
        List<String> blockers,
        boolean applied) {

    /** How many systems the import touches. */
    public int touched() {
        return added.size() + removed.size() + changed.size();
    }

    /** Whether applying it changes anything at all. */
    public boolean changesSomething() {
        return touched() > 0 || segments.touched() > 0;
    }

    /** More systems touched than one import may touch without force; an empty inventory takes any file. */
    public boolean exceedsShare() {
        return systemsBefore > 0 && changeShare > maxChangeShare;
    }

    public ImportPlan asApplied() {
        return new ImportPlan(added, removed, changed, unchanged, segments, assigned, systemsBefore, changeShare,
                maxChangeShare, blockers, true);
    }

    /** One system an import changes, and how. */
    public record SystemChange(String name, List<FieldChange> changes) {
    }

    /** The segments an import adds, removes and changes (field by field). */
    public record SegmentChanges(List<String> added, List<String> removed, List<SegmentChange> changed) {

        public int touched() {
            return added.size() + removed.size() + changed.size();
        }
    }

    /** One segment an import changes, and how. */
    public record SegmentChange(String name, List<FieldChange> changes) {
    }
}
