package org.relops.inventory.service;

import java.util.ArrayList;
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
import org.relops.inventory.ImportPlan.SystemChange;
import org.relops.inventory.InventorySystem;
import org.relops.inventory.Provider;
import org.relops.inventory.SystemState;
import org.relops.inventory.config.InventoryConfig;
import org.relops.inventory.file.InventoryFile;
import org.relops.inventory.file.SystemSpec;
import org.relops.inventory.file.SystemSpec.FieldChange;

import io.quarkus.panache.common.Sort;

/**
 * Makes the inventory what a file says, atomically: computes the plan (added, removed, changed
 * systems), refuses one that would touch more than the configured share of systems unless forced,
 * or that would pull a system out from under a running machine, and applies the rest in one
 * transaction. Imports take turns on an advisory lock; they lock the systems in id order, as
 * placement does, so the two never deadlock.
 */
@ApplicationScoped
public class InventoryImport {

    private static final Logger LOG = Logger.getLogger(InventoryImport.class);
    /** Advisory lock key that serialises imports across replicas ("inventory" in ASCII). */
    private static final long IMPORT_LOCK = 0x696e76656e746f72L;
    private static final Set<String> IDENTITY_FIELDS = Set.of("provider", "identity.mac", "identity.bmcAddress",
            "identity.libvirtUri", "identity.instanceId", "identity.region");

    @Inject
    InventoryConfig config;

    @Inject
    SystemLifecycle lifecycle;

    @Inject
    EntityManager entityManager;

    /** The plan for a file against the inventory as it is now; changes nothing. */
    @Transactional
    public ImportPlan dryRun(InventoryFile file) {
        return plan(file, InventorySystem.listAll(Sort.by("id")));
    }

    /**
     * Applies a file. Throws {@link ImportRefusedException} (and changes nothing) when the plan has
     * blockers, or touches more than the allowed share of systems and {@code force} is not set.
     */
    @Transactional
    public ImportPlan apply(InventoryFile file, boolean force, String actor) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(:key)").setParameter("key", IMPORT_LOCK)
                .getSingleResult();
        List<InventorySystem> current = InventorySystem.<InventorySystem>findAll(Sort.by("id"))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        ImportPlan plan = plan(file, current);
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
        if (plan.touched() > 0) {
            applyPlan(file, current, plan, actor);
            LOG.infof("inventory import by %s: %d added, %d removed, %d changed", actor, plan.added().size(),
                    plan.removed().size(), plan.changed().size());
        }
        return plan.asApplied();
    }

    private ImportPlan plan(InventoryFile file, List<InventorySystem> current) {
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
        int touched = added.size() + removed.size() + changed.size();
        double share = current.isEmpty() ? 1.0 : (double) touched / current.size();
        return new ImportPlan(added, removed, changed, unchanged, current.size(), share, config.maxChangeShare(),
                blockers, false);
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

    private void applyPlan(InventoryFile file, List<InventorySystem> current, ImportPlan plan, String actor) {
        Map<String, InventorySystem> byName = new LinkedHashMap<>();
        current.forEach(system -> byName.put(system.name, system));
        Set<String> changed = new HashSet<>();
        plan.changed().forEach(change -> changed.add(change.name()));
        for (String name : plan.removed()) {
            lifecycle.remove(byName.get(name), Cause.service(actor, "removed from the inventory file", null));
        }
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
    }

    private static void copy(SystemSpec spec, InventorySystem system) {
        system.name = spec.name();
        system.provider = Provider.fromLabel(spec.provider()).orElseThrow();
        system.mac = spec.identity().mac();
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
}
