package org.relops.imaging.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.imaging.Machine;
import org.relops.support.rest.ProblemException;

/** The machines imaging-service provisioned and their operations. */
@Path("/v1/machines")
@Produces(MediaType.APPLICATION_JSON)
public class MachineResource {

    @GET
    @Operation(summary = "Lists every machine imaging-service knows, by hostname")
    public List<MachineView> listMachines() {
        return Machine.<Machine>list("order by hostname").stream().map(MachineView::of).toList();
    }

    @GET
    @Path("/{hostname}")
    @Operation(summary = "Shows one machine and its provisioning operations")
    public MachineView getMachine(@PathParam("hostname") String hostname) {
        return MachineView.of(machine(hostname));
    }

    static Machine machine(String hostname) {
        return Machine.findByHostname(hostname)
                .orElseThrow(() -> ProblemException.notFound("imaging-service knows no machine '" + hostname + "'"));
    }
}
