package org.relops.dns.server;

import java.net.UnknownHostException;

import org.xbill.DNS.Address;

/**
 * Where a DNS listener binds: an IP address literal and a port, written {@code 10.254.0.1:53} (or
 * {@code [fd00::1]:53}). Never a host name: binding must not depend on a lookup.
 */
public record ListenAddress(String host, int port) {

    /** Parses {@code address:port}; {@link IllegalArgumentException} says what is wrong with the entry. */
    public static ListenAddress parse(String entry) {
        String text = entry == null ? "" : entry.trim();
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + entry + "' is not address:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            Address.getByAddress(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + entry + "' does not start with an IP address");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("'" + entry + "' does not end with a port (0 to 65535)");
        }
        return new ListenAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
