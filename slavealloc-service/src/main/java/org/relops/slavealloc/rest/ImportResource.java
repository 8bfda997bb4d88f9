package org.relops.slavealloc.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.relops.model.auth.Roles;
import org.relops.slavealloc.importer.DumpImporter;
import org.relops.slavealloc.importer.ImportReport;
import org.relops.support.rest.ProblemException;

/** {@code POST /api/import}: loads a dump of an existing allocator's tables (insert-only, all or nothing). */
@RolesAllowed(Roles.VIEWER)
@Path("/api/import")
public class ImportResource {

    @Inject
    DumpImporter importer;

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ImportReport importDump(Map<String, Object> dump) {
        if (dump == null) {
            throw ProblemException.badRequest("the body must be a JSON object with one list of rows per table");
        }
        return importer.importDump(dump);
    }
}
