package org.relops.slavealloc.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.relops.model.auth.Roles;
import org.relops.slavealloc.service.TacOutcome;
import org.relops.slavealloc.service.TacService;
import org.relops.support.rest.ProblemException;

/**
 * {@code GET /api/gettac/{slave}}: the tac a slave would get now, as a dry run: nothing is recorded,
 * no event is sent, and the password is masked. Open to anyone who may read {@code /api}.
 */
@RolesAllowed(Roles.VIEWER)
@Path("/api/gettac")
public class GettacPreviewResource {

    @Inject
    TacService tacs;

    @GET
    @Path("/{slave}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response preview(@PathParam("slave") String slave) {
        TacOutcome outcome = tacs.preview(slave);
        // Only slaves need the plain-text 404 they have always seen; operators get a problem that says why.
        if (outcome instanceof TacOutcome.NoAllocation none) {
            throw ProblemException.notFound(GettacResource.NO_ALLOCATION + ": " + none.why());
        }
        return GettacResource.respond(outcome);
    }
}
