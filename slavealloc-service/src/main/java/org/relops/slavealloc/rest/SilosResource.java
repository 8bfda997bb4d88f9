package org.relops.slavealloc.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.relops.model.auth.Roles;
import org.relops.slavealloc.service.SiloBalance;
import org.relops.slavealloc.service.SiloReport;

/** {@code GET /api/silos[?pool=]}: each silo and how its slaves are spread over its pool's masters. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/silos")
public class SilosResource {

    @Inject
    SiloReport report;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<SiloBalance> silos(@QueryParam("pool") String pool) {
        return report.balances().stream()
                .filter(silo -> pool == null || silo.pool().equalsIgnoreCase(pool))
                .toList();
    }
}
