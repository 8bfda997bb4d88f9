package org.relops.slavealloc;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The password of a pool's slaves, for one distro or (distro null) for all; encrypted. */
@Entity
@Table(name = "slave_passwords")
public class SlavePassword extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;

    @Column(name = "poolid")
    public int poolId;

    @Column(name = "distroid")
    public Integer distroId;

    @Column(name = "password_enc")
    public String passwordEnc;

    /** Exactly the row for this pool and distro (null = the pool's default). */
    public static Optional<SlavePassword> findFor(int poolId, Integer distroId) {
        return distroId == null
                ? find("poolId = ?1 and distroId is null", poolId).firstResultOptional()
                : find("poolId = ?1 and distroId = ?2", poolId, distroId).firstResultOptional();
    }
}
