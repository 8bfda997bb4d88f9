package org.relops.dashboard;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.relops.model.auth.Roles;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /v1/snapshot}: what the dashboard shows now, as one JSON document (the stream's first event). */
@Path("/v1/snapshot")
@RolesAllowed(Roles.VIEWER)
public class SnapshotResource {

    @Inject
    ReadModel model;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode snapshot() {
        return model.snapshot();
    }
}
