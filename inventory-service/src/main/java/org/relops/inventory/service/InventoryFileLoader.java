package org.relops.inventory.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.inventory.ImportPlan;
import org.relops.inventory.config.InventoryConfig;
import org.relops.inventory.file.InventoryYaml;

import io.quarkus.runtime.StartupEvent;

/**
 * Applies the inventory file ({@code relops.inventory.file}) at start-up, with the same guard as an
 * import through the API: an empty inventory takes the file whole; a file that would touch too much
 * of a filled one is refused, said loudly in the log, and the service starts with what it has. A
 * file that is not a valid inventory stops the start.
 */
@ApplicationScoped
public class InventoryFileLoader {

    private static final Logger LOG = Logger.getLogger(InventoryFileLoader.class);

    @Inject
    InventoryConfig config;

    @Inject
    InventoryImport importer;

    void onStart(@Observes StartupEvent event) throws IOException {
        if (config.file().isEmpty()) {
            LOG.info("no inventory file configured; keeping the systems in the database");
            return;
        }
        Path file = config.file().get();
        if (!Files.isReadable(file)) {
            LOG.warnf("inventory file %s does not exist or cannot be read; keeping the systems in the database",
                    file.toAbsolutePath());
            return;
        }
        try {
            var parsed = InventoryYaml.parse(Files.readString(file));
            ImportPlan plan = LockConflicts.retrying("the import of " + file,
                    () -> importer.apply(parsed, false, "inventory file " + file));
            LOG.infof("inventory file %s applied: %d added, %d removed, %d changed, %d unchanged", file,
                    plan.added().size(), plan.removed().size(), plan.changed().size(), plan.unchanged());
        } catch (ImportRefusedException e) {
            LOG.errorf("inventory file %s NOT applied: %s", file, e.getMessage());
        }
    }
}
