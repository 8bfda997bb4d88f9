package org.relops.request.rest;

import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;
import org.relops.request.ImageVersionHealth;
import org.relops.request.service.RunawayGuard;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;
import org.relops.support.rest.ProblemException;

/** The runaway guard's view of image versions, and the operator's way to clear a suspect one. */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/image-health")
@Produces(MediaType.APPLICATION_JSON)
public class ImageHealthResource {

    @Inject
    RunawayGuard guard;

    /** One image version's boot record; {@code imageVersion} null is the newest ({@code latest}). */
    public record ImageHealthView(String image, Integer imageVersion, int consecutiveFailures, boolean suspect,
            String lastReason, OffsetDateTime updatedAt) {

        static ImageHealthView of(ImageVersionHealth health) {
            return new ImageHealthView(health.key.image, ImageVersionNumber.of(health.key.imageVersion),
                    health.consecutiveFailures, health.suspect, health.lastReason, health.updatedAt);
        }
    }

    @GET
    @Transactional
    @Operation(summary = "Boot failures in a row per image version, and which versions are suspect; by image, then "
            + "version, a page at a time")
    public ListPage<ImageHealthView> listImageHealth(@BeanParam PageParams page) {
        // versions are stored as text: the shorter first puts 9 before 10
        return ListPage.of(ImageVersionHealth.<ImageVersionHealth>find(
                "order by key.image, length(key.imageVersion), key.imageVersion"), page, ImageHealthView::of);
    }

    @RolesAllowed(Roles.OPERATOR)
    @DELETE
    @Path("/{image}/{version}/suspect")
    @Operation(summary = "Clear a suspect image version", description = "Automatic replacement of its machines resumes.")
    public Response clearSuspect(@PathParam("image") String image, @PathParam("version") String version) {
        if (!guard.clearSuspect(image, version)) {
            throw ProblemException.notFound("image " + image + " version " + version + " is not suspect");
        }
        return Response.noContent().build();
    }
}
