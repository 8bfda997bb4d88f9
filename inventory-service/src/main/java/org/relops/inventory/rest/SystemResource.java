package org.relops.inventory.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.relops.inventory.Provider;
import org.relops.inventory.SystemState;
import org.relops.inventory.SystemView;
import org.relops.inventory.service.InventoryService;
import org.relops.inventory.service.SystemQuery;
import org.relops.support.rest.ProblemException;

/** The systems of the inventory: list them with filters, get one. */
@Path("/v1/systems")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

    private static final int MAX_PAGE_SIZE = 1000;

    @Inject
    InventoryService inventory;

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
