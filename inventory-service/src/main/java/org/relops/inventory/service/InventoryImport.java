package org.relops.inventory.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.inventory.ImportPlan;
import org.relops.inventory.ImportPlan.SegmentChanges;
import org.relops.inventory.ImportPlan.SystemChange;
import org.relops.inventory.InventorySystem;
import org.relops.inventory.NetworkSegment;
import org.relops.inventory.Nic;
import org.relops.inventory.Provider;
import org.relops.inventory.SystemState;
import org.relops.inventory.config.InventoryConfig;
import org.relops.inventory.file.InvalidInventoryFileException;
import org.relops.inventory.file.InventoryFile;
import org.relops.inventory.file.InventoryFileValidator;
import org.relops.inventory.file.Ipam;
import org.relops.inventory.file.StoredNetwork;
import org.relops.inventory.file.SystemSpec;
import org.relops.inventory.file.SystemSpec.FieldChange;
import org.relops.support.audit.AuditTrail;

import io.quarkus.panache.common.Sort;

/**
 * Makes the inventory what a file says, atomically: checks the file against the inventory as it is,
 * lets IPAM fill in the addresses it leaves out, computes the plan (added, removed, changed systems and
 * segments), refuses one that would touch more than the configured share of systems unless forced, or
 * that would pull a system or its network out from under a running machine, and applies the rest in
 * one transaction. Imports take turns on an advisory lock; they lock the systems in id order, as
 * placement does, so the two never deadlock.
 */
@ApplicationScoped
public class InventoryImport {

    private static final Logger LOG = Logger.getLogger(InventoryImport.class);
    /** Advisory lock key that serialises imports across replicas ("inventory" in ASCII). */
    private static final long IMPORT_LOCK = 0x696e76656e746f72L;
    private static final Set<String> IDENTITY_FIELDS = Set.of("provider", "nic.mac", "nic.segment", "nic.address",
            "identity.bmcAddress", "identity.libvirtUri", "identity.instanceId", "identity.region");

    @Inject
    AuditTrail audit;

    @Inject
    InventoryConfig config;

    @Inject
    SystemLifecycle lifecycle;

    @Inject
    EntityManager entityManager;

    /**
     * The plan for a file against the inventory as it is now; changes nothing. Throws
     * {@link InvalidInventoryFileException} when the file is not valid for this inventory.
     */
    @Transactional
    public ImportPlan dryRun(InventoryFile file) {
        return prepare(file, InventorySystem.listAll(Sort.by("id")), NetworkSegment.listAll(Sort.by("id"))).plan();
    }

    /**
     * Applies a file. Throws {@link InvalidInventoryFileException} when the file is not valid for this
     * inventory, and {@link ImportRefusedException} when the plan has blockers, or touches more than the
     * allowed share of systems and {@code force} is not set; either way nothing changes.
     */
    @Transactional
    public ImportPlan apply(InventoryFile file, boolean force, String actor) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(:key)").setParameter("key", IMPORT_LOCK)
                .getSingleResult();
        List<InventorySystem> current = InventorySystem.<InventorySystem>findAll(Sort.by("id"))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        List<NetworkSegment> segments = NetworkSegment.<NetworkSegment>findAll(Sort.by("id"))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        Prepared prepared = prepare(file, current, segments);
        ImportPlan plan = prepared.plan();
        if (!plan.blockers().isEmpty()) {
            throw new ImportRefusedException("the import cannot be applied: " + String.join("; ", plan.blockers()),
                    plan);
        }
        if (plan.exceedsShare() && !force) {
            throw new ImportRefusedException(String.format(
                    "the import touches %d of %d systems (%.0f%%), more than the allowed %.0f%%;"
                            + " check the dry run and import again with force=true if it is meant",
                    plan.touched(), plan.systemsBefore(), plan.changeShare() * 100, plan.maxChangeShare() * 100),
                    plan);
        }
        if (plan.changesSomething()) {
            applyPlan(prepared.file(), current, segments, plan, actor);
            audit.record("inventory", "imported", String.format("systems: %d added, %d removed, %d changed;"
                    + " segments: %d added, %d removed, %d changed%s", plan.added().size(), plan.removed().size(),
                    plan.changed().size(), plan.segments().added().size(), plan.segments().removed().size(),
                    plan.segments().changed().size(), force ? " (forced)" : ""));
            LOG.infof("inventory import by %s: %d added, %d removed, %d changed; segments: %d added, %d removed,"
                    + " %d changed", actor, plan.added().size(), plan.removed().size(), plan.changed().size(),
                    plan.segments().added().size(), plan.segments().removed().size(),
                    plan.segments().changed().size());
        }
        return plan.asApplied();
    }

    /** The file checked against the stored inventory, with IPAM's addresses, and its plan. */
    private Prepared prepare(InventoryFile file, List<InventorySystem> current, List<NetworkSegment> segments) {
        StoredNetwork stored = storedNetwork(current, segments);
        InventoryFile checked = InventoryFileValidator.validated(file, stored);
        Ipam.Result addressed = Ipam.assign(checked, stored, config.ipam().reservedHostAddresses());
        return new Prepared(addressed.file(), plan(addressed, current, segments));
    }

    private static StoredNetwork storedNetwork(List<InventorySystem> systems, List<NetworkSegment> segments) {
        Map<String, Nic> nics = new HashMap<>();
        systems.stream().filter(system -> system.nic() != null).forEach(system -> nics.put(system.name, system.nic()));
        Map<String, String> cidrs = new HashMap<>();
        segments.forEach(segment -> cidrs.put(segment.name, segment.cidr));
        return new StoredNetwork(nics, cidrs);
    }

    private ImportPlan plan(Ipam.Result addressed, List<InventorySystem> current, List<NetworkSegment> segments) {
        InventoryFile file = addressed.file();
        Map<String, InventorySystem> byName = new LinkedHashMap<>();
        current.forEach(system -> byName.put(system.name, system));
        List<String> added = new ArrayList<>();
        List<SystemChange> changed = new ArrayList<>();
        List<String> blockers = new ArrayList<>();
        Set<String> inFile = new HashSet<>();
        int unchanged = 0;
        for (SystemSpec spec : file.systems()) {
            inFile.add(spec.name());
            InventorySystem existing = byName.get(spec.name());
            if (existing == null) {
                added.add(spec.name());
                continue;
            }
            List<FieldChange> changes = SystemSpec.of(existing).changesTo(spec);
            if (changes.isEmpty()) {
                unchanged++;
            } else {
                changed.add(new SystemChange(spec.name(), changes));
                blockers.addAll(blockersForChange(existing, spec, changes));
            }
        }
        List<String> removed = new ArrayList<>();
        for (InventorySystem system : current) {
            if (!inFile.contains(system.name)) {
                removed.add(system.name);
                if (system.hasMachine()) {
                    blockers.add("removing " + system.name + ", which holds " + machine(system));
                }
            }
        }
        SegmentChanges segmentChanges = SegmentSync.plan(file.segments(), segments);
        blockers.addAll(SegmentSync.blockers(segmentChanges, current));
        int touched = added.size() + removed.size() + changed.size();
        double share = current.isEmpty() ? 1.0 : (double) touched / current.size();
        return new ImportPlan(added, removed, changed, unchanged, segmentChanges, addressed.assigned(),
                current.size(), share, config.maxChangeShare(), blockers, false);
    }

    private static List<String> blockersForChange(InventorySystem system, SystemSpec spec, List<FieldChange> changes) {
        if (!system.hasMachine()) {
            return List.of();
        }
        List<String> blockers = new ArrayList<>();
        changes.stream().filter(change -> IDENTITY_FIELDS.contains(change.field())).findFirst().ifPresent(change ->
                blockers.add("changing " + change.field() + " of " + system.name + ", which holds " + machine(system)));
        if (spec.adminState() != SystemSpec.of(system).adminState() && spec.adminState() != SystemState.QUARANTINED) {
            blockers.add("making " + system.name + " " + spec.adminState().label() + ", which holds "
                    + machine(system));
        }
        return blockers;
    }

    private void applyPlan(InventoryFile file, List<InventorySystem> current, List<NetworkSegment> segments,
            ImportPlan plan, String actor) {
        Map<String, InventorySystem> byName = new LinkedHashMap<>();
        current.forEach(system -> byName.put(system.name, system));
        Set<String> changed = new HashSet<>();
        plan.changed().forEach(change -> changed.add(change.name()));
        for (String name : plan.removed()) {
            lifecycle.remove(byName.get(name), Cause.service(actor, "removed from the inventory file", null));
        }
        SegmentSync.addAndChange(file.segments(), segments);
        for (SystemSpec spec : file.systems()) {
            InventorySystem system = byName.get(spec.name());
            if (system == null) {
                InventorySystem added = new InventorySystem();
                copy(spec, added);
                added.state = spec.adminState();
                lifecycle.register(added, Cause.service(actor, "added by the inventory file", null));
            } else if (changed.contains(spec.name())) {
                SystemState before = SystemSpec.of(system).adminState();
                copy(spec, system);
                if (spec.adminState() != before) {
                    lifecycle.transition(system, spec.adminState(),
                            Cause.service(actor, "made " + spec.adminState().label() + " by the inventory file", null));
                }
            }
        }
        SegmentSync.removeUnlisted(plan.segments(), segments);
    }

    private static void copy(SystemSpec spec, InventorySystem system) {
        system.name = spec.name();
        system.provider = Provider.fromLabel(spec.provider()).orElseThrow();
        system.mac = spec.nic() == null ? null : spec.nic().mac();
        system.segment = spec.nic() == null ? null : spec.nic().segment();
        system.address = spec.nic() == null ? null : spec.nic().address();
        system.bmcAddress = spec.identity().bmcAddress();
        system.libvirtUri = spec.identity().libvirtUri();
        system.instanceId = spec.identity().instanceId();
        system.region = spec.identity().region();
        system.secretRef = spec.identity().secretRef();
        system.hardwareClass = spec.hardwareClass();
        system.datacenter = spec.location().datacenter();
        system.row = spec.location().row();
        system.rack = spec.location().rack();
        system.environment = spec.environment();
        system.volumes = spec.volumes();
    }

    private static String machine(InventorySystem system) {
        return "machine " + system.hostname + " of request " + system.requestId;
    }

    /** A file made ready to apply (checked, addresses filled in) and its plan. */
    private record Prepared(InventoryFile file, ImportPlan plan) {
    }
}
