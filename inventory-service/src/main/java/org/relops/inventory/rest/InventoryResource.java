package org.relops.inventory.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.relops.model.auth.Roles;
import org.relops.inventory.ImportPlan;
import org.relops.inventory.file.InvalidInventoryFileException;
import org.relops.inventory.file.InventoryYaml;
import org.relops.inventory.service.ImportRefusedException;
import org.relops.inventory.service.InventoryExport;
import org.relops.inventory.service.InventoryImport;
import org.relops.inventory.service.LockConflicts;
import org.relops.support.rest.DatabaseRefusal;
import org.relops.support.auth.CurrentCaller;
import org.relops.support.rest.ProblemException;

/**
 * The inventory as one declarative YAML file: export it (to keep in git), import it back. An import is
 * a dry run unless {@code dryRun=false}; it applies atomically, and refuses to touch more than
 * {@code relops.inventory.max-change-share} of the systems unless {@code force=true}. A file that is not
 * valid for the inventory answers 422, a refused import 409, each with every reason.
 */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/inventory")
public class InventoryResource {

    static final String YAML = "application/yaml";

    @Inject
    InventoryExport exporter;

    @Inject
    CurrentCaller caller;

    @Inject
    InventoryImport importer;

    @GET
    @Path("/export")
    @Produces({ YAML, MediaType.TEXT_PLAIN })
    public String exportInventory() {
        return InventoryYaml.write(exporter.exportInventory());
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/import")
    @Consumes({ YAML, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN })
    @Produces(MediaType.APPLICATION_JSON)
    public ImportPlan importInventory(String yaml, @QueryParam("dryRun") @DefaultValue("true") boolean dryRun,
            @QueryParam("force") @DefaultValue("false") boolean force) {
        try {
            var file = InventoryYaml.parse(yaml);
            if (dryRun) {
                return importer.dryRun(file);
            }
            String actor = "import by operator " + caller.name().orElseThrow();
            return LockConflicts.retrying("an operator's import", () -> importer.apply(file, force, actor));
        } catch (InvalidInventoryFileException e) {
            throw ProblemException.unprocessable("the inventory file is not valid: " + e.getMessage());
        } catch (ImportRefusedException e) {
            throw ProblemException.conflict(e.getMessage());
        } catch (RuntimeException e) {
            // The checks above should leave nothing for the database to refuse; if it does, say so, not 500.
            String refusal = DatabaseRefusal.of(e).orElseThrow(() -> e);
            throw ProblemException.conflict("the database refused the import, nothing was applied: " + refusal);
        }
    }
}
