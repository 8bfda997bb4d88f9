package org.relops.slavealloc.rest;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.relops.slavealloc.Master;
import org.relops.slavealloc.Slave;
import org.relops.slavealloc.service.MasterRegistry;
import org.relops.slavealloc.service.SlavePasswords;
import org.relops.slavealloc.service.TacAccess;
import org.relops.support.rest.ProblemException;

import io.vertx.core.http.HttpServerRequest;

/**
 * What a relops buildbot master reads at boot and then every few seconds: its workers and their passwords.
 * The master first gets a credential from its own machine's address; the credential reads only that master's
 * workers (the enabled slaves allocated to it). Neither the credential nor a password is ever logged.
 */
@PermitAll
@Path("/v1/masters")
public class MasterWorkersResource {

    private static final Logger LOG = Logger.getLogger(MasterWorkersResource.class);
    private static final String BEARER = "Bearer ";

    @Inject
    MasterRegistry masters;

    @Inject
    TacAccess access;

    @Inject
    SlavePasswords passwords;

    @POST
    @Path("/{name}/credential")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "A relops master, from its own address, gets a fresh credential for its workers")
    public String credential(@PathParam("name") String name, @Context HttpServerRequest request) {
        Master master = relopsMaster(name);
        String from = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        if (!access.permitsMaster(master, from)) {
            throw ProblemException.forbidden("the credential of master " + master.nickname
                    + " is issued only to its own machine's address");
        }
        LOG.infof("issued a new credential to master %s", master.nickname);
        return masters.issueCredential(master) + "\n";
    }

    @GET
    @Path("/{name}/workers")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "A relops master's workers and their passwords, with its credential (Bearer)")
    public MasterWorkers workers(@PathParam("name") String name,
            @HeaderParam("Authorization") String authorization) {
        Master master = relopsMaster(name);
        String token = Optional.ofNullable(authorization).filter(value -> value.startsWith(BEARER))
                .map(value -> value.substring(BEARER.length()).strip())
                .orElseThrow(() -> ProblemException.unauthorized("a master's credential is required: "
                        + "Authorization: Bearer <credential from POST /v1/masters/" + master.nickname + "/credential>"));
        String hash = TacAccess.hash(token);
        if (master.credentialHash == null || !equal(hash, master.credentialHash)) {
            boolean another = Master.count("credentialHash = ?1", hash) > 0;
            if (another) {
                throw ProblemException.forbidden("this credential belongs to another master: it reads only that "
                        + "master's workers");
            }
            throw ProblemException.unauthorized("the credential is not master " + master.nickname
                    + "'s (a new one replaces the old: get one again)");
        }
        List<MasterWorkers.Worker> workers = new ArrayList<>();
        for (Slave slave : Slave.<Slave>list("currentMasterId = ?1 and enabled = true order by name", master.id)) {
            passwords.passwordFor(slave).ifPresent(password -> workers.add(new MasterWorkers.Worker(slave.name,
                    password)));
        }
        return new MasterWorkers(master.nickname, workers);
    }

    private static Master relopsMaster(String name) {
        return Master.findByNickname(name).filter(found -> "relops".equals(found.origin))
                .orElseThrow(() -> ProblemException.notFound("no master '" + name + "' that relops booted"));
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A master's workers as its master.cfg reads them ({@code workers.json}). */
    public record MasterWorkers(String master, List<Worker> workers) {

        /** One worker: its name and password. */
        public record Worker(String name, String password) {
        }
    }
}
