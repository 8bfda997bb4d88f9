package org.relops.inventory.rest;

import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;
import org.relops.inventory.OperatorRequest;
import org.relops.inventory.Provider;
import org.relops.inventory.SystemState;
import org.relops.inventory.SystemView;
import org.relops.inventory.TransitionView;
import org.relops.inventory.service.IllegalTransitionException;
import org.relops.inventory.service.InventoryService;
import org.relops.inventory.service.OperatorActions;
import org.relops.inventory.service.OperatorActions.Action;
import org.relops.inventory.service.SystemQuery;
import org.relops.support.auth.CurrentCaller;
import org.relops.support.rest.ApiEnums;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;
import org.relops.support.rest.ProblemException;

/**
 * The systems of the inventory: list them with filters, get one and its history, and let an operator
 * quarantine, decommission, retire or restore one, with a reason.
 */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/systems")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

    private static final int MAX_REASON_LENGTH = 1000;

    @Inject
    InventoryService inventory;

    @Inject
    OperatorActions operatorActions;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "Systems, by name, a page at a time; each filter given narrows the list (state and provider "
            + "in any case)")
    public ListPage<SystemView> listSystems(@QueryParam("state") String state, @QueryParam("provider") String provider,
            @QueryParam("datacenter") String datacenter, @QueryParam("row") String row,
            @QueryParam("rack") String rack, @QueryParam("hardwareClass") String hardwareClass,
            @QueryParam("requestId") String requestId, @BeanParam PageParams page) {
        SystemQuery query = new SystemQuery(
                Optional.ofNullable(ApiEnums.parse(SystemState.class, "state", state)),
                Optional.ofNullable(ApiEnums.parse(Provider.class, "provider", provider)),
                Optional.ofNullable(datacenter), Optional.ofNullable(row), Optional.ofNullable(rack),
                Optional.ofNullable(hardwareClass), Optional.ofNullable(requestId));
        return inventory.findSystems(query, page);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "A system: its NIC, identity, location, volumes, state and reservation")
    public SystemView getSystem(@PathParam("name") String name) {
        return inventory.findSystemByName(name)
                .orElseThrow(() -> ProblemException.notFound("no system named '" + name + "'"));
    }

    @GET
    @Path("/{name}/history")
    @Operation(summary = "Every change of a system's state, oldest first, a page at a time; kept after the system "
            + "left the inventory")
    public ListPage<TransitionView> getHistory(@PathParam("name") String name, @BeanParam PageParams page) {
        ListPage<TransitionView> history = operatorActions.historyOf(name, page);
        if (history.total() == 0) {
            throw ProblemException.notFound("no system named '" + name + "' was ever in the inventory");
        }
        return history;
    }

    /** An operator's action on a system: quarantine, decommission, retire or restore, with a reason. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{name}/{action: quarantine|decommission|retire|restore}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "An operator's action on a system, with a reason: quarantine, decommission, retire or restore")
    public SystemView applyOperatorAction(@PathParam("name") String name, @PathParam("action") String action,
            OperatorRequest request) {
        return act(name, Action.valueOf(action.toUpperCase(Locale.ROOT)), request);
    }

    private SystemView act(String name, Action action, OperatorRequest request) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw ProblemException.badRequest("say why: the body needs a non-empty 'reason'");
        }
        if (request.reason().length() > MAX_REASON_LENGTH) {
            throw ProblemException.badRequest("reason is longer than " + MAX_REASON_LENGTH + " characters");
        }
        try {
            return operatorActions.apply(name, action, caller.name().orElseThrow(), request.reason())
                    .orElseThrow(() -> ProblemException.notFound("no system named '" + name + "'"));
        } catch (IllegalTransitionException e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }
}
