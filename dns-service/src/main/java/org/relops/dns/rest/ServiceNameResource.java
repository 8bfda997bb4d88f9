package org.relops.dns.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;
import org.relops.dns.service.ServiceName;
import org.relops.dns.service.ServiceNameRecords;

/** The environment's service names from configuration ({@code slavealloc}, {@code boot}), read-only. */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/service-names")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceNameResource {

    @Inject
    ServiceNameRecords serviceNames;

    @GET
    @Operation(summary = "Every service name", description = "Set by relops.dns.zone.service-names; the API "
            + "cannot change them.")
    public List<ServiceName> listServiceNames() {
        return serviceNames.listServiceNames();
    }
}
