package org.relops.dns.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;
import org.relops.dns.service.ServiceName;
import org.relops.dns.service.ServiceNameRecords;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;

/** The environment's service names from configuration ({@code slavealloc}, {@code boot}), read-only. */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/service-names")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceNameResource {

    @Inject
    ServiceNameRecords serviceNames;

    @GET
    @Operation(summary = "Every service name, by name", description = "Set by relops.dns.zone.service-names; the "
            + "API cannot change them.")
    public ListPage<ServiceName> listServiceNames(@BeanParam PageParams page) {
        // A handful from configuration: the page is cut from the whole list.
        return ListPage.of(serviceNames.listServiceNames(), page);
    }
}
