package org.relops.slavealloc;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A buildbot master slaves attach to: where it listens and which pool it serves. */
@Entity
@Table(name = "masters")
public class Master extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "masterid")
    public Integer id;

    public String nickname;

    public String fqdn;

    @Column(name = "http_port")
    public int httpPort;

    @Column(name = "pb_port")
    public int pbPort;

    @Column(name = "dcid")
    public int dcId;

    @Column(name = "poolid")
    public int poolId;

    public boolean enabled = true;

    public String notes;

    public static Optional<Master> findByNickname(String nickname) {
        return find("lower(nickname) = lower(?1)", nickname).firstResultOptional();
    }
}
