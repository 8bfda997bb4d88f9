package org.relops.imaging;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A slot of an address pool held by one machine (an address, or a user-network subnet). */
@Entity
@Table(name = "network_lease")
@IdClass(NetworkLease.Key.class)
public class NetworkLease extends PanacheEntityBase {

    @Id
    public String pool;

    @Id
    public int slot;

    @Column(nullable = false)
    public String hostname;

    public static Optional<NetworkLease> findHeld(String pool, String hostname) {
        return find("pool = ?1 and hostname = ?2", pool, hostname).firstResultOptional();
    }

    /** Primary key of a lease. */
    public static class Key implements Serializable {

        public String pool;
        public int slot;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.slot == slot && Objects.equals(key.pool, pool);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pool, slot);
        }
    }
}
