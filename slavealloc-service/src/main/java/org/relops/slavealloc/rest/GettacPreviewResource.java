package org.relops.slavealloc.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.relops.slavealloc.service.TacService;

/**
 * {@code GET /api/gettac/{slave}}: the tac a slave would get now, as a dry run: nothing is recorded,
 * no event is sent, and the password is masked. Open to anyone who may read {@code /api}.
 */
@Path("/api/gettac")
public class GettacPreviewResource {

    @Inject
    TacService tacs;

    @GET
    @Path("/{slave}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response preview(@PathParam("slave") String slave) {
        return GettacResource.respond(tacs.preview(slave));
    }
}
