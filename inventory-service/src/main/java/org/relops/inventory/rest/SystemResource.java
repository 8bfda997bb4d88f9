package org.relops.inventory.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

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
import org.relops.support.rest.ProblemException;

/**
 * The systems of the inventory: list them with filters, get one and its history, and let an operator
 * quarantine, decommission, retire or restore one, with a reason.
 */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/systems")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

    private static final int MAX_PAGE_SIZE = 1000;

    /** Names the person or tool acting, for the audit trail. */

    private static final int MAX_REASON_LENGTH = 1000;

    @Inject
    InventoryService inventory;

    @Inject
    OperatorActions operatorActions;

    @Inject
    CurrentCaller caller;

    @GET
    public List<SystemView> listSystems(@QueryParam("state") String state, @QueryParam("provider") String provider,
            @QueryParam("datacenter") String datacenter, @QueryParam("row") String row,
            @QueryParam("rack") String rack, @QueryParam("hardwareClass") String hardwareClass,
            @QueryParam("requestId") String requestId, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("100") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE);
        }
        SystemQuery query = new SystemQuery(
                Optional.ofNullable(state).map(SystemResource::state),
                Optional.ofNullable(provider).map(SystemResource::provider),
                Optional.ofNullable(datacenter), Optional.ofNullable(row), Optional.ofNullable(rack),
                Optional.ofNullable(hardwareClass), Optional.ofNullable(requestId));
        return inventory.findSystems(query, page, size);
    }

    @GET
    @Path("/{name}")
    public SystemView getSystem(@PathParam("name") String name) {
        return inventory.findSystemByName(name)
                .orElseThrow(() -> ProblemException.notFound("no system named '" + name + "'"));
    }

    @GET
    @Path("/{name}/history")
    public List<TransitionView> getHistory(@PathParam("name") String name) {
        List<TransitionView> history = operatorActions.historyOf(name).stream().map(TransitionView::of).toList();
        if (history.isEmpty()) {
            throw ProblemException.notFound("no system named '" + name + "' was ever in the inventory");
        }
        return history;
    }

    /** An operator's action on a system: quarantine, decommission, retire or restore, with a reason. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{name}/{action: quarantine|decommission|retire|restore}")
    @Consumes(MediaType.APPLICATION_JSON)
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

    static SystemState state(String label) {
        return SystemState.fromLabel(label).orElseThrow(() -> ProblemException.badRequest(
                "unknown state '" + label + "'; one of " + labels(SystemState.values(), SystemState::label)));
    }

    private static <T> String labels(T[] values, Function<T, String> label) {
        return Arrays.stream(values).map(label).collect(Collectors.joining(", "));
    }

    private static Provider provider(String label) {
        return Provider.fromLabel(label).orElseThrow(() -> ProblemException.badRequest(
                "unknown provider '" + label + "'; one of " + labels(Provider.values(), Provider::label)));
    }
}
