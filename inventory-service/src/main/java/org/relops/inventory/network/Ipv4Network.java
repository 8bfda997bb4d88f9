package org.relops.inventory.network;

import java.util.Optional;

/**
 * An IPv4 network in CIDR form ({@code 10.10.1.0/24}): its network address, prefix length, and the
 * host addresses between the network and the broadcast address.
 */
public record Ipv4Network(Ipv4Address network, int prefixLength) {

    /** The longest prefix that still leaves host addresses besides the network and broadcast address. */
    public static final int LONGEST_PREFIX = 30;

    public Ipv4Network {
        if (prefixLength < 0 || prefixLength > 32 || (network.value() & ~mask(prefixLength) & 0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("not a network: " + network + "/" + prefixLength);
        }
    }

    /** What parsing a CIDR gave: the network, or (network {@code null}) why the text is not one. */
    public record Parsed(Ipv4Network network, String problem) {

        static Parsed invalid(String problem) {
            return new Parsed(null, problem);
        }
    }

    public static Parsed parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
        Optional<Ipv4Address> address = parts.length == 2 ? Ipv4Address.parse(parts[0]) : Optional.empty();
        if (address.isEmpty() || !parts[1].matches("[0-9]{1,2}") || Integer.parseInt(parts[1]) > 32) {
            return Parsed.invalid("is not an IPv4 network; write it as address/prefix length, like 10.10.1.0/24");
        }
        int prefix = Integer.parseInt(parts[1]);
        long networkBits = address.get().value() & mask(prefix);
        if (networkBits != address.get().value()) {
            return Parsed.invalid("has host bits set; the network is " + new Ipv4Address(networkBits) + "/" + prefix);
        }
        if (prefix > LONGEST_PREFIX) {
            return Parsed.invalid("leaves no host addresses; a segment needs a prefix of /" + LONGEST_PREFIX
                    + " or shorter");
        }
        return new Parsed(new Ipv4Network(address.get(), prefix), null);
    }

    public Ipv4Address broadcast() {
        return new Ipv4Address(network.value() | (~mask(prefixLength) & 0xFFFF_FFFFL));
    }

    public Ipv4Address firstHost() {
        return network.plus(1);
    }

    public Ipv4Address lastHost() {
        return broadcast().plus(-1);
    }

    /** How many host addresses it has: all but the network and the broadcast address. */
    public long hostCount() {
        return Math.max(0, broadcast().value() - network.value() - 1);
    }

    public boolean contains(Ipv4Address address) {
        return (address.value() & mask(prefixLength)) == network.value();
    }

    /** A host address of this network: inside it, neither its network nor its broadcast address. */
    public boolean isHost(Ipv4Address address) {
        return contains(address) && !address.equals(network) && !address.equals(broadcast());
    }

    public boolean overlaps(Ipv4Network other) {
        return contains(other.network) || other.contains(network);
    }

    /** The host addresses as a range, for messages: {@code 10.10.1.1 - 10.10.1.254}. */
    public String hostRange() {
        return firstHost() + " - " + lastHost();
    }

    private static long mask(int prefixLength) {
        return prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
