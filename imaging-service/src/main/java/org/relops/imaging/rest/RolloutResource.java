package org.relops.imaging.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;
import org.relops.imaging.Rollout;
import org.relops.imaging.service.RolloutService;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;
import org.relops.support.rest.ProblemException;

/** Staged rollouts of an image version to the machines running older versions of it. */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/rollouts")
@Produces(MediaType.APPLICATION_JSON)
public class RolloutResource {

    @Inject
    RolloutService rollouts;

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rolls a version out: firstPercent of the older machines first, the rest once healthy")
    public Response startRollout(NewRollout body) {
        if (body == null || body.image() == null || body.image().isBlank()) {
            throw ProblemException.badRequest("a rollout needs an image");
        }
        if (body.firstPercent() == null || body.firstPercent() < 1 || body.firstPercent() > 100) {
            throw ProblemException.badRequest("firstPercent must be from 1 to 100");
        }
        if (body.imageVersion() != null && body.imageVersion() < 1) {
            throw ProblemException.badRequest("imageVersion must be a version number (1 or more), or left out for the"
                    + " newest built one; not " + body.imageVersion());
        }
        String environment = body.appEnvironment() == null || body.appEnvironment().isBlank()
                ? null : body.appEnvironment();
        Rollout rollout = rollouts.start(body.image(), body.imageVersion(), environment, body.firstPercent());
        return Response.created(URI.create("/v1/rollouts/" + rollout.id)).entity(RolloutView.of(rollout)).build();
    }

    @GET
    @Operation(summary = "Lists the rollouts, newest first, one page at a time")
    public ListPage<RolloutView> listRollouts(@BeanParam PageParams page) {
        return ListPage.of(Rollout.findNewestFirst(), page, RolloutView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Shows one rollout: state, reason, waves and each machine's status")
    public RolloutView getRollout(@PathParam("id") String id) {
        return parse(id).flatMap(Rollout::findRollout).map(RolloutView::of)
                .orElseThrow(() -> ProblemException.notFound("no rollout '" + id + "'"));
    }

    private static java.util.Optional<UUID> parse(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
