package org.relops.slavealloc.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.relops.model.auth.Roles;
import org.relops.slavealloc.service.TableService;
import org.relops.slavealloc.table.Table;
import org.relops.slavealloc.table.Tables;
import org.relops.support.rest.ProblemException;

/**
 * The allocator's tables over HTTP, as the original allocator served them: {@code GET /api/{table}}
 * (slaves and masters with the names of what they refer to; query parameters filter),
 * {@code GET /api/{table}/{id}} or {@code /{name}?byname=1}, {@code PUT} of some fields, and
 * {@code POST} of a new row. Writes need the operator token.
 */
@RolesAllowed(Roles.VIEWER)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class TablesResource {

    private static final String BY_NAME = "byname";

    @Inject
    TableService tables;

    @GET
    @Path("/{table}")
    public List<Map<String, Object>> list(@PathParam("table") String table, @Context UriInfo uri) {
        Map<String, String> filters = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((key, values) -> filters.put(key, values.get(values.size() - 1)));
        return tables.list(table(table), filters);
    }

    @GET
    @Path("/{table}/{key}")
    public Map<String, Object> get(@PathParam("table") String table, @PathParam("key") String key,
            @QueryParam(BY_NAME) String byName) {
        return tables.find(table(table), key, isSet(byName)).orElseThrow(() -> notFound(table, key));
    }

    @RolesAllowed(Roles.OPERATOR)
    @PUT
    @Path("/{table}/{key}")
    public Map<String, Object> update(@PathParam("table") String table, @PathParam("key") String key,
            @QueryParam(BY_NAME) String byName, Map<String, Object> fields) {
        return tables.update(table(table), key, isSet(byName), body(fields)).orElseThrow(() -> notFound(table, key));
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{table}")
    public Response create(@PathParam("table") String table, Map<String, Object> fields) {
        return Response.status(201).entity(tables.create(table(table), body(fields))).build();
    }

    private static Table table(String name) {
        return Tables.named(name).orElseThrow(() -> ProblemException.notFound("no table '" + name + "'; tables are "
                + Tables.ALL.stream().map(Table::name).toList()));
    }

    private static Map<String, Object> body(Map<String, Object> fields) {
        if (fields == null) {
            throw ProblemException.badRequest("the body must be a JSON object of fields");
        }
        return fields;
    }

    private static boolean isSet(String flag) {
        return flag != null && (flag.equals("1") || flag.equalsIgnoreCase("true"));
    }

    private static ProblemException notFound(String table, String key) {
        return ProblemException.notFound("no " + table + " row '" + key + "'");
    }
}
