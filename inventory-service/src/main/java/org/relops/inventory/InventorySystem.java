package org.relops.inventory;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.relops.model.value.Location;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One system relops can put a machine on: a bare-metal host, a VM slot or a cloud slot. Holds its
 * NIC (MAC, segment, address), identity, location and lifecycle state, and, while a machine uses it,
 * the reservation (request id and hostname).
 */
@Entity
@Table(name = "inventory_system")
public class InventorySystem extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Provider provider;

    /** The boot NIC's MAC, lower-case; unique across the inventory. */
    public String mac;

    /** The name of the network segment the NIC is on; {@code null} for a cloud slot without a NIC. */
    public String segment;

    /** The NIC's fixed address on its segment; unique across the inventory. */
    @ColumnTransformer(read = "host(address)", write = "?::inet")
    public String address;

    @Column(name = "bmc_address")
    public String bmcAddress;

    @Column(name = "libvirt_uri")
    public String libvirtUri;

    @Column(name = "instance_id")
    public String instanceId;

    public String region;

    @Column(name = "secret_ref")
    public String secretRef;

    @Column(name = "hardware_class", nullable = false)
    public String hardwareClass;

    @Column(nullable = false)
    public String datacenter;

    @Column(name = "row_name", nullable = false)
    public String row;

    @Column(nullable = false)
    public String rack;

    public String environment;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Volume> volumes = List.of();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SystemState state = SystemState.FREE;

    /** When the current state was entered (the time of the event that caused it). */
    @Column(name = "state_since", nullable = false)
    public OffsetDateTime stateSince;

    /** The source of the event that caused the current state; {@code null} when no event did. */
    @Column(name = "state_cause")
    public String stateCause;

    @Column(name = "request_id")
    public String requestId;

    public String hostname;

    @Column(name = "reserved_at")
    public OffsetDateTime reservedAt;

    public Location location() {
        return new Location(datacenter, row, rack);
    }

    public Identity identity() {
        return new Identity(bmcAddress, libvirtUri, instanceId, region, secretRef);
    }

    /** Its boot NIC; {@code null} when it has none (a cloud slot). */
    public Nic nic() {
        return mac == null && segment == null && address == null ? null : new Nic(mac, segment, address);
    }

    public boolean isReservedFor(String requestId, String hostname) {
        return requestId != null && requestId.equals(this.requestId) && hostname != null
                && hostname.equals(this.hostname);
    }

    public boolean hasMachine() {
        return requestId != null;
    }

    public static Optional<InventorySystem> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** The system, locked for update until the transaction ends. */
    public static Optional<InventorySystem> lockByName(String name) {
        return find("name", name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The system reserved for a request's machine, locked for update. */
    public static Optional<InventorySystem> lockByMachine(String requestId, String hostname) {
        return find("requestId = ?1 and hostname = ?2", requestId, hostname)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static long countForRequest(String requestId) {
        return count("requestId", requestId);
    }
}
