package org.relops.slavealloc.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.slavealloc.Slave;
import org.relops.slavealloc.SlavePassword;

/** Finds a slave's password: its own, else its pool's for its distro, else its pool's default. */
@ApplicationScoped
public class SlavePasswords {

    @Inject
    SecretBox secrets;

    public Optional<String> passwordFor(Slave slave) {
        if (slave.passwordEnc != null) {
            return Optional.of(secrets.decrypt(slave.passwordEnc));
        }
        return SlavePassword.findFor(slave.poolId, slave.traits.distroId)
                .or(() -> SlavePassword.findFor(slave.poolId, null))
                .map(stored -> secrets.decrypt(stored.passwordEnc));
    }
}
