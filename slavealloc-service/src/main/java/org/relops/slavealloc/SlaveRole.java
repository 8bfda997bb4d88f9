package org.relops.slavealloc;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What a slave made from an image role looks like: its silo attributes but the environment (which
 * comes from the request) and its basedir.
 */
@Entity
@Table(name = "roles")
public class SlaveRole extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "roleid")
    public Integer id;

    public String name;

    @Embedded
    public SiloTraits traits = new SiloTraits();

    public String basedir;

    public static Optional<SlaveRole> findByName(String name) {
        return find("lower(name) = lower(?1)", name).firstResultOptional();
    }
}
