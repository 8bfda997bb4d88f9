package org.relops.dns.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;
import org.relops.dns.service.Alias;
import org.relops.dns.service.AliasService;
import org.relops.dns.service.AliasService.AliasSpec;
import org.relops.dns.service.AliasService.AliasWrite;
import org.relops.dns.service.NameTakenException;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;
import org.relops.support.rest.ProblemException;

/** Service aliases of the environment ({@code puppet}, {@code slavealloc}, ...): CNAMEs or address records. */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/aliases")
@Produces(MediaType.APPLICATION_JSON)
public class AliasResource {

    @Inject
    AliasService aliases;

    @GET
    @Operation(summary = "Every alias, by name")
    public ListPage<Alias> listAliases(@BeanParam PageParams page) {
        // An alias is a group of records, so the page is cut from the grouped list.
        return ListPage.of(aliases.listAliases(), page);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One alias")
    public Alias getAlias(@PathParam("name") String name) {
        return validated(() -> aliases.findAlias(name))
                .orElseThrow(() -> ProblemException.notFound("no alias " + name));
    }

    @RolesAllowed(Roles.OPERATOR)
    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or change an alias", description = "{\"target\": \"bm-master01\"} makes a CNAME "
            + "(a name without dots is in the zone); {\"addresses\": [\"10.0.0.5\"]} makes A/AAAA records. 201 when "
            + "created, 200 when changed; 409 when a machine or other records own the name.")
    public Response putAlias(@PathParam("name") String name, AliasBody body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required: {\"target\": ...} or {\"addresses\": [...]}");
        }
        AliasWrite write = validated(() -> aliases.putAlias(name, new AliasSpec(body.target(), body.addresses(),
                body.ttl())));
        return Response.status(write.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(write.alias()).build();
    }

    @RolesAllowed(Roles.OPERATOR)
    @DELETE
    @Path("/{name}")
    @Operation(summary = "Remove an alias")
    public Response deleteAlias(@PathParam("name") String name) {
        if (!validated(() -> aliases.deleteAlias(name))) {
            throw ProblemException.notFound("no alias " + name);
        }
        return Response.noContent().build();
    }

    private static <T> T validated(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        } catch (NameTakenException e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }
}
