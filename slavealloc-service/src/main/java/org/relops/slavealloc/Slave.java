package org.relops.slavealloc;

import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A buildbot slave: its silo, its pool, the master it is locked to or attached to, and how it gets its
 * tac. Updates write only the columns that changed, so an allocation never undoes an operator's edit.
 */
@Entity
@DynamicUpdate
@Table(name = "slaves")
public class Slave extends PanacheEntityBase {

    /** Where a slave came from: registered by relops' events, imported, or created through the API. */
    public static final String FROM_RELOPS = "relops";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "slaveid")
    public Integer id;

    /** Unqualified host name, lower-case. */
    public String name;

    @Embedded
    public SiloTraits traits = new SiloTraits();

    @Column(name = "envid")
    public int envId;

    @Column(name = "poolid")
    public int poolId;

    public String basedir;

    @Column(name = "locked_masterid")
    public Integer lockedMasterId;

    @Column(name = "custom_tplid")
    public Integer customTemplateId;

    public boolean enabled = true;

    public String notes;

    @Column(name = "current_masterid")
    public Integer currentMasterId;

    /** The slave's own password, encrypted; null = its pool's. */
    @Column(name = "password_enc")
    public String passwordEnc;

    /** The address its tac is served to, as the machine reported it at boot. */
    public String address;

    /** SHA-256 (hex) of the token that lets a request from elsewhere fetch its tac. */
    @Column(name = "tac_token_hash")
    public String tacTokenHash;

    /** The request that created its machine, if relops did. */
    @Column(name = "request_id")
    public String requestId;

    public String origin;

    @Column(name = "allocated_at")
    public OffsetDateTime allocatedAt;

    /** The kernel boot id of the slave's current boot, as its machine reported it. */
    @Column(name = "boot_id")
    public String bootId;

    /** The boot in which its worker was last seen connected to its master. */
    @Column(name = "connected_boot_id")
    public String connectedBootId;

    /** When its master is to be asked next whether its worker is connected (null: nothing pending). */
    @Column(name = "connect_check_due_at")
    public OffsetDateTime connectCheckDueAt;

    @Column(name = "connect_check_deadline")
    public OffsetDateTime connectCheckDeadline;

    @Column(name = "connect_check_attempts")
    public int connectCheckAttempts;

    public Silo silo() {
        return traits.in(envId);
    }

    public static Optional<Slave> findByName(String name) {
        return find("lower(name) = lower(?1)", name).firstResultOptional();
    }

    /** The slave, row-locked until the transaction ends: one allocation of a slave at a time. */
    public static Optional<Slave> lockByName(String name) {
        return find("lower(name) = lower(?1)", name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
