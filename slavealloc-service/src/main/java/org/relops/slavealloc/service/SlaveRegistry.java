package org.relops.slavealloc.service;

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
        AppEnvironment environment = Optional.ofNullable(booted.appEnvironment())
                .flatMap(AppEnvironment::findByName)
                .orElseThrow(() -> new PoisonMessageException("slavealloc has no environment '"
                        + booted.appEnvironment() + "' for slave " + name));
        if (environment.defaultPoolId == null) {
            throw new PoisonMessageException("environment '" + environment.name + "' has no default pool for slave "
                    + name);
        }
        SlaveRole role = Optional.ofNullable(booted.role()).flatMap(SlaveRole::findByName)
                .or(() -> SlaveRole.findByName(config.registration().fallbackRole()))
                .orElseThrow(() -> new PoisonMessageException("slavealloc has no role '" + booted.role()
                        + "' nor the fallback role '" + config.registration().fallbackRole() + "'"));
        Slave slave = Slave.lockByName(name).orElseGet(Slave::new);
        slave.name = name;
        slave.traits = role.traits.copy();
        slave.envId = environment.id;
        slave.poolId = environment.defaultPoolId;
        slave.basedir = role.basedir;
        slave.address = booted.address();
        slave.requestId = booted.requestId();
        slave.origin = Slave.FROM_RELOPS;
        slave.persistAndFlush();
        return slave;
    }

    /** Forgets the slave of this hostname; {@code false} if there was none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean forget(String hostname) {
        return hostname != null && Slave.delete("lower(name) = lower(?1)", hostname) > 0;
    }

    private static String hostname(String given) {
        try {
            return new Hostname(given).value();
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException("machine.booted has a bad hostname: " + e.getMessage());
        }
    }
}
