package org.relops.inventory.network;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One IPv4 address, written the one usual way: four decimal octets without leading zeros. */
public record Ipv4Address(long value) implements Comparable<Ipv4Address> {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern DOTTED = Pattern.compile(OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET);
    private static final long MAX = 0xFFFF_FFFFL;

    public Ipv4Address {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("not an IPv4 address: " + value);
        }
    }

    /** The address {@code text} spells, or empty when it is not an IPv4 address in dotted-quad form. */
    public static Optional<Ipv4Address> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = DOTTED.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long value = 0;
        for (int octet = 1; octet <= 4; octet++) {
            value = (value << 8) | Long.parseLong(matcher.group(octet));
        }
        return Optional.of(new Ipv4Address(value));
    }

    public Ipv4Address plus(long offset) {
        return new Ipv4Address(value + offset);
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return ((value >> 24) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF) + "."
                + (value & 0xFF);
    }
}
