package org.relops.dns.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.Address;

/** A list of addresses and networks ({@code 10.0.0.0/8}, {@code ::1}, {@code 192.0.2.7}) an address may match. */
public final class AddressMatcher {

    private final List<Network> networks;

    private AddressMatcher(List<Network> networks) {
        this.networks = networks;
    }

    /** Parses each entry; {@link IllegalArgumentException} names the first bad one. */
    public static AddressMatcher of(List<String> entries) {
        List<Network> networks = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.isBlank()) {
                networks.add(Network.parse(entry.trim()));
            }
        }
        return new AddressMatcher(List.copyOf(networks));
    }

    public boolean matches(InetAddress address) {
        return networks.stream().anyMatch(network -> network.contains(address));
    }

    private record Network(byte[] prefix, int bits) {

        static Network parse(String entry) {
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            byte[] address;
            try {
                address = Address.getByAddress(host).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + entry + "' is not an address or a network (CIDR)");
            }
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + entry + "' has an invalid prefix length");
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("'" + entry + "' has an invalid prefix length");
                }
            }
            return new Network(address, bits);
        }

        boolean contains(InetAddress candidate) {
            byte[] address = candidate.getAddress();
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }
}
