package org.relops.slavealloc;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A buildbot (application) environment, and the pool relops puts its new slaves in. */
@Entity
@Table(name = "environments")
public class AppEnvironment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "envid")
    public Integer id;

    public String name;

    @Column(name = "default_poolid")
    public Integer defaultPoolId;

    public static Optional<AppEnvironment> findByName(String name) {
        return find("lower(name) = lower(?1)", name).firstResultOptional();
    }
}
