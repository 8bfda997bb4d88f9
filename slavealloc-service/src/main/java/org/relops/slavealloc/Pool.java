package org.relops.slavealloc;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A set of masters and slaves where any slave may be allocated to any master. */
@Entity
@Table(name = "pools")
public class Pool extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "poolid")
    public Integer id;

    public String name;

    /** The tac template of its slaves that have none of their own; null = the built-in one. */
    @Column(name = "default_tplid")
    public Integer defaultTemplateId;

    public static Optional<Pool> findByName(String name) {
        return find("lower(name) = lower(?1)", name).firstResultOptional();
    }
}
