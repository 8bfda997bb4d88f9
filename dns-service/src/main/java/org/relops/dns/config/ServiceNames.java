package org.relops.dns.config;

import java.net.Inet4Address;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.relops.model.value.Hostname;
import org.xbill.DNS.Address;

/**
 * The environment's service names from {@code relops.dns.zone.service-names}: each an unqualified name
 * ({@code slavealloc}, {@code boot}) with the IPv4 address of the service behind it, checked at start-up.
 */
public final class ServiceNames {

    static final String KEY = "relops.dns.zone.service-names";

    private final Map<Hostname, Inet4Address> addresses;

    private ServiceNames(Map<Hostname, Inet4Address> addresses) {
        this.addresses = addresses;
    }

    /** Parses the configured entries; {@link IllegalArgumentException} names the key of the first bad one. */
    public static ServiceNames of(Map<String, String> entries) {
        Map<Hostname, Inet4Address> addresses = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
            String key = KEY + ".\"" + entry.getKey() + "\"";
            Hostname name = name(key, entry.getKey());
            if (addresses.put(name, address(key, entry.getValue())) != null) {
                throw new IllegalArgumentException(key + ": the service name " + name + " is configured twice");
            }
        }
        return new ServiceNames(Collections.unmodifiableMap(addresses));
    }

    /** The service names and their addresses, in the order of their names. */
    public Map<Hostname, Inet4Address> addresses() {
        return addresses;
    }

    private static Hostname name(String key, String value) {
        try {
            return new Hostname(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": a service name is one DNS label: " + e.getMessage());
        }
    }

    private static Inet4Address address(String key, String value) {
        String text = value == null ? "" : value.trim();
        try {
            return (Inet4Address) Address.getByAddress(text, Address.IPv4);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not an IPv4 address");
        }
    }
}
