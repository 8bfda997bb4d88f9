package org.relops.imaging.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;
import org.relops.imaging.Machine;
import org.relops.imaging.ProvisioningOperation;
import org.relops.imaging.provider.ConsoleLog;
import org.relops.imaging.provider.Providers;
import org.relops.imaging.service.ProvisioningService;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;
import org.relops.support.rest.ProblemException;

/** The machines imaging-service provisioned and their operations. */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/machines")
@Produces(MediaType.APPLICATION_JSON)
public class MachineResource {

    @Inject
    ProvisioningService provisioning;

    @Inject
    Providers providers;

    @GET
    @Operation(summary = "Lists the machines imaging-service knows, by hostname, one page at a time")
    public ListPage<MachineView> listMachines(@BeanParam PageParams page) {
        return ListPage.of(Machine.findAllByHostname(), page, MachineView::of);
    }

    @GET
    @Path("/{hostname}")
    @Operation(summary = "Shows one machine and its provisioning operations")
    public MachineView getMachine(@PathParam("hostname") String hostname) {
        return MachineView.of(machine(hostname));
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{hostname}/reimage")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Boots the machine again with its image's newest built version, or the pinned one")
    public Response reimage(@PathParam("hostname") String hostname, ReimageRequest body) {
        Integer version = body == null ? null : body.imageVersion();
        if (version != null && version < 1) {
            throw ProblemException.badRequest("imageVersion must be a version number (1 or more), or left out for the"
                    + " newest built one; not " + version);
        }
        provisioning.reimage(hostname, version == null ? null : version.toString());
        return Response.accepted(MachineView.of(machine(hostname))).build();
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{hostname}/reboot")
    @Operation(summary = "Network-boots the machine again: the newest version for every-boot roles, else the same one")
    public Response reboot(@PathParam("hostname") String hostname) {
        provisioning.reboot(hostname);
        return Response.accepted(MachineView.of(machine(hostname))).build();
    }

    @RolesAllowed(Roles.OPERATOR)
    @GET
    @Path("/{hostname}/console")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The last lines of the machine's serial console (boot tokens blanked out)")
    public String console(@PathParam("hostname") String hostname, @QueryParam("lines") @DefaultValue("200") int lines) {
        Machine machine = machine(hostname);
        if (lines < 1 || lines > 5000) {
            throw ProblemException.badRequest("lines must be from 1 to 5000");
        }
        java.nio.file.Path log = providers.find(machine.provider).flatMap(p -> p.consoleLog(machine.providerMachine()))
                .orElseThrow(() -> ProblemException.notFound(hostname + " has no console log"));
        String text = ConsoleLog.tail(log, lines);
        for (ProvisioningOperation op : ProvisioningOperation.listOf(hostname)) {
            text = text.replace(op.bootToken, "[token]");
        }
        return text + "\n";
    }

    static Machine machine(String hostname) {
        return Machine.findByHostname(hostname)
                .orElseThrow(() -> ProblemException.notFound("imaging-service knows no machine '" + hostname + "'"));
    }
}
