package org.relops.slavealloc.service;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MasterDisabled;
import org.relops.slavealloc.AppEnvironment;
import org.relops.slavealloc.Master;
import org.relops.slavealloc.Pool;
import org.relops.slavealloc.SlaveRole;
import org.relops.slavealloc.config.SlaveallocConfig;
import org.relops.support.consume.EventContext;
import org.relops.support.outbox.EventOutbox;

/**
 * The buildbot masters relops boots: a machine booted with the master role becomes (or again is) a master of
 * its environment's default pool, disabled until its REST API answers at the machine's address
 * ({@link BuildbotChecks} enables it); decommissioning it disables it first. Each master reads its own
 * workers with a credential it gets from its own address ({@link #issueCredential}).
 */
@ApplicationScoped
public class MasterRegistry {

    private static final Logger LOG = Logger.getLogger(MasterRegistry.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SlaveallocConfig config;

    @Inject
    EventOutbox outbox;

    @Inject
    SlaveRegistry slaves;

    public boolean isMasterRole(String role) {
        return config.buildbot().masterRole().equals(role);
    }

    /** Registers the booted master machine, disabled, with a check of its REST API due at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Master register(MachineBooted booted) {
        String name = SlaveRegistry.hostname(booted.hostname());
        AppEnvironment environment = SlaveRegistry.environmentOf(booted, "master " + name);
        SlaveRole role = slaves.roleOf(booted);
        Master master = Master.<Master>find("lower(nickname) = lower(?1)", name)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseGet(Master::new);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        master.nickname = name;
        // Reached by its unqualified name, through each machine's search path in its environment's DNS.
        master.fqdn = name;
        master.address = booted.address();
        master.httpPort = config.buildbot().masterHttpPort();
        master.pbPort = config.buildbot().masterPbPort();
        master.dcId = role.traits.dcId;
        master.poolId = environment.defaultPoolId;
        master.enabled = false;
        master.origin = "relops";
        master.requestId = booted.requestId();
        master.credentialHash = null;
        master.checkDueAt = now;
        master.checkDeadline = now.plus(config.buildbot().checkDeadline());
        master.checkAttempts = 0;
        master.persistAndFlush();
        LOG.infof("master %s registered in pool %s (disabled until its REST API answers at %s)", name,
                Pool.<Pool>findById(master.poolId).name, master.webUrl());
        return master;
    }

    /** Disables the relops master of this hostname, if there is one: no slave is allocated to it any more. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean disable(String hostname, String requestId, EventContext cause) {
        Optional<Master> found = Master.<Master>find("lower(nickname) = lower(?1) and origin = 'relops'", hostname)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        if (found.isEmpty()) {
            return false;
        }
        Master master = found.get();
        master.enabled = false;
        master.checkDueAt = null;
        master.credentialHash = null;
        outbox.emit(new MasterDisabled(requestId, master.nickname, Pool.<Pool>findById(master.poolId).name), cause);
        LOG.infof("master %s disabled: its machine is being decommissioned", master.nickname);
        return true;
    }

    /** A fresh credential for the master, replacing any earlier one. Only its SHA-256 is kept. */
    @Transactional
    public String issueCredential(Master master) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Master locked = Master.findById(master.id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        locked.credentialHash = TacAccess.hash(token);
        return token;
    }
}
