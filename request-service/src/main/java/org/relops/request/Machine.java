package org.relops.request;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One machine of a request, as the other services' events describe it: its system, address, DNS
 * name, master, and which steps of provisioning or decommissioning have been confirmed.
 */
@Entity
@Table(name = "machine")
public class Machine extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "request_id")
    public ProvisioningRequest request;

    @Column(nullable = false, unique = true)
    public String hostname;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MachineState state = MachineState.PENDING;

    @Column(name = "system_name")
    public String systemName;

    public String address;

    public String fqdn;

    @Column(name = "image_version")
    public String imageVersion;

    @Column(name = "image_digest")
    public String imageDigest;

    @Column(name = "buildbot_slave", nullable = false)
    public boolean buildbotSlave;

    @Column(nullable = false)
    public boolean booted;

    @Column(name = "in_dns", nullable = false)
    public boolean inDns;

    public String master;

    @Column(name = "slave_released", nullable = false)
    public boolean slaveReleased;

    @Column(name = "dns_removed", nullable = false)
    public boolean dnsRemoved;

    @Column(name = "host_released", nullable = false)
    public boolean hostReleased;

    public String reason;

    @Column(nullable = false)
    public int replacements;

    @Column(name = "state_changed_at", nullable = false)
    public OffsetDateTime stateChangedAt;

    public static Optional<Machine> findByHostname(String hostname) {
        return find("hostname", hostname).firstResultOptional();
    }

    public void moveTo(MachineState next, String why) {
        state = next;
        reason = why;
        stateChangedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Booted, in DNS, and allocated if it is a buildbot slave. */
    public boolean isReadyToServe() {
        return booted && inDns && (!buildbotSlave || master != null);
    }

    /** Released by slavealloc, removed from DNS, destroyed and its system freed. */
    public boolean isFullyTakenDown() {
        return slaveReleased && dnsRemoved && hostReleased;
    }

    public boolean isBeingTakenDown() {
        return state == MachineState.DECOMMISSIONING || state == MachineState.DECOMMISSIONED;
    }
}
