package org.relops.request.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;
import org.relops.request.ProvisioningRequest;
import org.relops.request.RequestState;
import org.relops.request.config.RequestConfig;
import org.relops.request.service.NewRequest;
import org.relops.request.service.RequestService;
import org.relops.request.service.RequestService.Submission;
import org.relops.request.service.StuckRequestDetector;
import org.relops.support.auth.CallerRoles;
import org.relops.support.rest.ApiEnums;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;
import org.relops.support.rest.ProblemException;

/** Requests for machines: submit, follow, decommission. */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
public class RequestResource {

    private static final int MAX_IDEMPOTENCY_KEY = 200;

    @Inject
    RequestService requests;

    @Inject
    RequestConfig config;

    @Inject
    StuckRequestDetector stuckDetector;

    @Inject
    CallerRoles caller;

    @RolesAllowed(Roles.REQUESTER)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for machines", description = "202 with the new request; the same Idempotency-Key "
            + "again gives 200 with the first request. A requester only in the application environments its token "
            + "names; the request records the token's subject as requestedBy.")
    public Response submitRequest(CreateRequest body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required: {\"image\": ..., \"count\": ..., "
                    + "\"appEnvironment\": ...}");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw ProblemException.badRequest("Idempotency-Key must be 1-" + MAX_IDEMPOTENCY_KEY + " characters");
        }
        NewRequest request;
        try {
            request = NewRequest.validate(body.image(), body.count(), body.appEnvironment(), body.hostnamePrefix(),
                    body.constraints(), config.maxCount());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        caller.requireAppEnvironment(request.appEnvironment(), "ask for machines");
        Submission submission = requests.submit(request, null, idempotencyKey,
                new RequestService.Requester(RequestService.Requester.REST.via(), caller.name().orElse(null)));
        return Response.status(submission.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                .location(URI.create("/v1/requests/" + submission.request().id))
                .entity(view(submission.request()))
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A request, its state and its machines")
    public RequestView getRequest(@PathParam("id") String id) {
        return requests.findRequestById(id).map(this::view)
                .orElseThrow(() -> ProblemException.notFound("no request " + id));
    }

    @GET
    @Operation(summary = "Requests, newest first, optionally in one state, a page at a time")
    public ListPage<RequestView> listRequests(@QueryParam("state") String state, @BeanParam PageParams page) {
        return requests.listRequests(ApiEnums.parse(RequestState.class, "state", state), page).map(this::view);
    }

    @RolesAllowed(Roles.REQUESTER)
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Decommission a request's machines", description = "wipe=true also deletes their "
            + "persistent volumes. Asking again changes nothing.")
    public Response decommissionRequest(@PathParam("id") String id, @QueryParam("wipe") @DefaultValue("false") boolean wipe) {
        requests.findRequestById(id)
                .ifPresent(request -> caller.requireAppEnvironment(request.appEnvironment, "decommission machines"));
        return requests.decommission(id, wipe)
                .map(request -> Response.accepted(view(request)).build())
                .orElseThrow(() -> ProblemException.notFound("no request " + id));
    }

    private RequestView view(ProvisioningRequest request) {
        return RequestView.of(request, stuckDetector.isStuck(request));
    }
}
