package org.relops.inventory;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One IPv4 network segment systems' NICs are on: its CIDR and gateway, and the datacenter (all of it,
 * or some of its racks) it serves. The database refuses two segments that share an address.
 */
@Entity
@Table(name = "network_segment")
public class NetworkSegment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String name;

    /** The network in CIDR form, {@code 10.10.1.0/24}. */
    @Column(nullable = false)
    @ColumnTransformer(read = "text(cidr)", write = "?::cidr")
    public String cidr;

    @Column(nullable = false)
    @ColumnTransformer(read = "host(gateway)", write = "?::inet")
    public String gateway;

    @Column(nullable = false)
    public String datacenter;

    /** The racks of the datacenter it serves; empty: every rack of it. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> racks = List.of();

    /** Every segment by name (there are few). */
    public static Map<String, NetworkSegment> byName() {
        return NetworkSegment.<NetworkSegment>listAll().stream()
                .collect(Collectors.toMap(segment -> segment.name, Function.identity()));
    }
}
