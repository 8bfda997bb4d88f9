package org.relops.slavealloc.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.relops.model.event.MachineBooted;
import org.relops.model.value.Hostname;
import org.relops.slavealloc.AppEnvironment;
import org.relops.slavealloc.Slave;
import org.relops.slavealloc.SlaveRole;
import org.relops.slavealloc.config.SlaveallocConfig;
import org.relops.support.consume.PoisonMessageException;

/**
 * Registers the slaves relops' machines are, and forgets them: a booted machine becomes (or updates)
 * the slave of its hostname, with the silo attributes of its image role, the environment and pool of
 * its request's application environment, and its address.
 */
@ApplicationScoped
public class SlaveRegistry {

    @Inject
    SlaveallocConfig config;

    /** The slave the booted machine is, row-locked; a machine that can never be registered is poison. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Slave register(MachineBooted booted) {
        String name = hostname(booted.hostname());
        AppEnvironment environment = environmentOf(booted, "slave " + name);
        SlaveRole role = roleOf(booted);
        Slave slave = Slave.lockByName(name).orElseGet(Slave::new);
        slave.name = name;
        slave.traits = role.traits.copy();
        slave.envId = environment.id;
        slave.poolId = environment.defaultPoolId;
        slave.basedir = role.basedir;
        slave.address = booted.address();
        slave.requestId = booted.requestId();
        slave.origin = Slave.FROM_RELOPS;
        // A new boot: its worker is connected once its master says so for this boot.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        slave.bootId = booted.bootId();
        slave.connectCheckAttempts = 0;
        slave.connectCheckDueAt = booted.bootId() == null ? null : now;
        slave.connectCheckDeadline = now.plus(config.buildbot().checkDeadline());
        slave.persistAndFlush();
        return slave;
    }

    /**
     * The environment a booted machine's request is for, which must have a default pool (where relops
     * registers its slaves and masters); poison otherwise. {@code what} names the machine in the reason.
     */
    static AppEnvironment environmentOf(MachineBooted booted, String what) {
        AppEnvironment environment = Optional.ofNullable(booted.appEnvironment())
                .flatMap(AppEnvironment::findByName)
                .orElseThrow(() -> new PoisonMessageException("slavealloc has no environment '"
                        + booted.appEnvironment() + "' for " + what));
        if (environment.defaultPoolId == null) {
            throw new PoisonMessageException("environment '" + environment.name + "' has no default pool for " + what);
        }
        return environment;
    }

    /** The role row of a booted machine's image role, else the fallback role; poison when neither exists. */
    SlaveRole roleOf(MachineBooted booted) {
        return Optional.ofNullable(booted.role()).flatMap(SlaveRole::findByName)
                .or(() -> SlaveRole.findByName(config.registration().fallbackRole()))
                .orElseThrow(() -> new PoisonMessageException("slavealloc has no role '" + booted.role()
                        + "' nor the fallback role '" + config.registration().fallbackRole() + "'"));
    }

    /** Forgets the slave of this hostname; {@code false} if there was none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean forget(String hostname) {
        return hostname != null && Slave.delete("lower(name) = lower(?1)", hostname) > 0;
    }

    static String hostname(String given) {
        try {
            return new Hostname(given).value();
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException("machine.booted has a bad hostname: " + e.getMessage());
        }
    }
}
