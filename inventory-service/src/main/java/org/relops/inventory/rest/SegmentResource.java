package org.relops.inventory.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;
import org.relops.inventory.SegmentView;
import org.relops.inventory.service.SegmentUsage;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;

/** The network segments of the inventory: CIDR, gateway, what each serves, and its addresses used and free. */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
public class SegmentResource {

    @Inject
    SegmentUsage segments;

    @GET
    @Operation(summary = "Network segments, by name, a page at a time, each with its addresses used and free")
    public ListPage<SegmentView> listSegments(@BeanParam PageParams page) {
        return ListPage.of(segments.listSegments(), page);
    }
}
