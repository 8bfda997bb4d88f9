package org.relops.slavealloc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A buildbot.tac template, with {@code %(name)r}-style placeholders (see the tac renderer). */
@Entity
@Table(name = "tac_templates")
public class TacTemplate extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "tplid")
    public Integer id;

    public String name;

    public String template;
}
