package org.relops.inventory.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.relops.model.auth.Roles;
import org.relops.inventory.SegmentView;
import org.relops.inventory.service.SegmentUsage;

/** The network segments of the inventory: CIDR, gateway, what each serves, and its addresses used and free. */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
public class SegmentResource {

    @Inject
    SegmentUsage segments;

    @GET
    public List<SegmentView> listSegments() {
        return segments.listSegments();
    }
}
