package org.relops.imaging.rest;

import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.vertx.core.http.HttpServerRequest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.imaging.OperationState;
import org.relops.imaging.ProvisioningOperation;
import org.relops.imaging.service.ArtifactStore;
import org.relops.imaging.service.BootReport;
import org.relops.imaging.service.BootService;
import org.relops.imaging.ssh.AuthorizedKeys;
import org.relops.imaging.ssh.SshReachability;
import org.relops.support.rest.ProblemException;

/**
 * What network-booting machines talk to: their iPXE script by MAC, the artifacts it chains by digest,
 * the operator's public SSH keys, the phone-home and the heartbeats. Plain text and form posts, as iPXE
 * and busybox speak them.
 */
@PermitAll
@Path("/boot")
public class BootResource {

    @Inject
    BootService boots;

    @Inject
    ArtifactStore artifacts;

    @Inject
    AuthorizedKeys authorizedKeys;

    @Inject
    SshReachability ssh;

    @Context
    UriInfo uri;

    @Context
    HttpServerRequest request;

    @GET
    @Path("/{mac}.ipxe")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The iPXE script of the machine with this MAC, to its own address only (a refusal for "
            + "a machine not being imaged, or to any other address)")
    public String script(@PathParam("mac") String mac) {
        String base = uri.getBaseUri().toString();
        return boots.script(mac, base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
                request.remoteAddress().hostAddress());
    }

    @GET
    @Path("/artifacts/{digest}/{name}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "A built artifact (vmlinuz or initrd.img) by its image's digest")
    public Response artifact(@PathParam("digest") String digest, @PathParam("name") String name) {
        java.nio.file.Path file = artifacts.find("sha256:" + digest, name)
                .orElseThrow(() -> ProblemException.notFound("no artifact " + name + " for digest " + digest));
        return Response.ok(file.toFile()).build();
    }

    @GET
    @Path("/authorized-keys")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The operator's public SSH keys, which machines with an SSH server let log in as root")
    public String authorizedKeys() {
        return authorizedKeys.text().orElseThrow(() -> ProblemException.notFound("no SSH keys for machines: "
                + authorizedKeys.whyNone()));
    }

    @POST
    @Path("/phone-home")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "A booted machine reports in with its one-time boot token")
    public Response phoneHome(@FormParam("mac") String mac, @FormParam("token") String token,
            @FormParam("digest") String digest, @FormParam("address") String address,
            @FormParam("disk") String disk, @FormParam("boots") Integer diskBoots,
            @FormParam("boot_id") String bootId) {
        BootReport report = new BootReport(mac, token, digest, address, disk, diskBoots, bootId,
                request.remoteAddress().hostAddress());
        // The network probe runs here, between two transactions: it must not hold the machine's row lock.
        Optional<String> sshFailure = boots.sshCheckAddress(report).flatMap(ssh::failureAt);
        ProvisioningOperation op = boots.phoneHome(report, sshFailure);
        if (op.state != OperationState.BOOTED) {
            throw ProblemException.unprocessable(op.reason);
        }
        return Response.ok("welcome " + op.hostname + "\n").build();
    }

    @POST
    @Path("/heartbeat")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "A booted machine says it is alive; the reply may ask it to refresh in place")
    @Produces(MediaType.TEXT_PLAIN)
    public Response heartbeat(@FormParam("mac") String mac, @FormParam("token") String token,
            @FormParam("tac") String tac) {
        return boots.heartbeat(mac, token, tac).map(instruction -> Response.ok(instruction + "\n").build())
                .orElseGet(() -> Response.noContent().build());
    }

    @POST
    @Path("/refreshed")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "A booted machine applied the incremental refresh its heartbeat reply asked for")
    public Response refreshed(@FormParam("mac") String mac, @FormParam("token") String token,
            @FormParam("digest") String digest) {
        boots.refreshed(mac, token, digest);
        return Response.noContent().build();
    }

    @POST
    @Path("/wiped")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "A decommissioned machine's wipe step reports its volume zeroed, with the step's token")
    public Response wiped(@FormParam("mac") String mac, @FormParam("token") String token,
            @FormParam("bytes") Long bytes) {
        boots.wiped(mac, token, bytes);
        return Response.noContent().build();
    }

}
