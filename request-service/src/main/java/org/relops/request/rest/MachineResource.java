package org.relops.request.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;
import org.relops.model.value.Hostname;
import org.relops.request.service.RequestService;
import org.relops.support.auth.CallerRoles;
import org.relops.support.rest.ProblemException;

/** Single machines by hostname: look one up, decommission one. */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/machines")
@Produces(MediaType.APPLICATION_JSON)
public class MachineResource {

    @Inject
    RequestService requests;

    @Inject
    CallerRoles caller;

    @GET
    @Path("/{hostname}")
    @Operation(summary = "A machine: its state, what it waits for, its address, DNS name and master")
    public MachineView getMachine(@PathParam("hostname") String hostname) {
        return requests.findMachineByHostname(checked(hostname)).map(MachineView::of)
                .orElseThrow(() -> ProblemException.notFound("no machine " + hostname));
    }

    @RolesAllowed(Roles.REQUESTER)
    @DELETE
    @Path("/{hostname}")
    @Operation(summary = "Decommission one machine", description = "wipe=true also deletes its persistent volumes. "
            + "Its request is decommissioned once its last machine is. Asking again changes nothing.")
    public Response decommissionMachine(@PathParam("hostname") String hostname,
            @QueryParam("wipe") @DefaultValue("false") boolean wipe) {
        requests.findMachineByHostname(checked(hostname))
                .ifPresent(machine -> caller.requireAppEnvironment(machine.request.appEnvironment, "decommission machines"));
        return requests.decommissionMachine(checked(hostname), wipe)
                .map(machine -> Response.accepted(MachineView.of(machine)).build())
                .orElseThrow(() -> ProblemException.notFound("no machine " + hostname));
    }

    private static String checked(String hostname) {
        try {
            return new Hostname(hostname).value();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }
}
