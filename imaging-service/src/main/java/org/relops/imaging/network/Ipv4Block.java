package org.relops.imaging.network;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 CIDR block ({@code 198.51.100.0/24}) and the host addresses in it. */
public record Ipv4Block(long base, int prefixLength) {

    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public static Ipv4Block parse(String text) {
        Matcher matcher = CIDR.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 CIDR block like 198.51.100.0/24");
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(matcher.group(i));
            if (octet > 255) {
                throw new IllegalArgumentException("'" + text + "' has an octet above 255");
            }
            address = address << 8 | octet;
        }
        int prefix = Integer.parseInt(matcher.group(5));
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("'" + text + "' must have a prefix length from /8 to /30");
        }
        long mask = 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
        return new Ipv4Block(address & mask, prefix);
    }

    /** The network address, e.g. {@code 10.10.1.0}. */
    public String networkAddress() {
        return format(base);
    }

    /** The netmask in dotted form, e.g. {@code 255.255.255.0}. */
    public String netmask() {
        return format(0xFFFFFFFFL << (32 - prefixLength) & 0xFFFFFFFFL);
    }

    /** Usable host slots: every address but the network and broadcast ones. */
    public int hostSlots() {
        return (int) ((1L << (32 - prefixLength)) - 2);
    }

    /** The host address of slot 1..hostSlots(). */
    public String hostAddress(int slot) {
        if (slot < 1 || slot > hostSlots()) {
            throw new IllegalArgumentException("slot " + slot + " is outside " + this);
        }
        return format(base + slot);
    }

    public static String format(long address) {
        return (address >> 24 & 255) + "." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "." + (address & 255);
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefixLength;
    }
}
