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

    /** The address of the machine relops booted the master on (null for a master relops did not boot). */
    public String address;

    @Column(name = "request_id")
    public String requestId;

    /** {@code relops} for a master relops booted, else {@code api} or {@code import}. */
    public String origin = "api";

    /** SHA-256 of the credential the master reads its workers with (relops masters only). */
    @Column(name = "credential_hash")
    public String credentialHash;

    /** When its REST API is to be asked next whether it answers (null: nothing pending). */
    @Column(name = "check_due_at")
    public java.time.OffsetDateTime checkDueAt;

    @Column(name = "check_deadline")
    public java.time.OffsetDateTime checkDeadline;

    @Column(name = "check_attempts")
    public int checkAttempts;

    /** Where its REST API answers: the machine's address for a relops master, else its fqdn. */
    public String webUrl() {
        return "http://" + (address != null ? address : fqdn) + ":" + httpPort + "/";
    }

    public static Optional<Master> findByNickname(String nickname) {
        return find("lower(nickname) = lower(?1)", nickname).firstResultOptional();
    }
}
