package org.relops.dns.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The environment's zones and how they are served ({@code relops.dns.*}). */
@ConfigMapping(prefix = "relops.dns")
public interface DnsConfig {

    /** The environment's forward zone, e.g. {@code staging.relops.example}. */
    String zone();

    /** Reverse zones PTR records go to, e.g. {@code 10.in-addr.arpa}; addresses outside them get no PTR. */
    @WithDefault("10.in-addr.arpa")
    List<String> reverseZones();

    /** TTL of the records dns-service writes for machines and aliases, in seconds. */
    @WithDefault("300")
    int ttl();

    /** The zones' name servers; a name without a dot is in the forward zone (and needs {@link #glue()}). */
    @WithDefault("ns1")
    List<String> nameServers();

    /** Addresses of the name servers inside the forward zone, by name: {@code relops.dns.glue.ns1=10.0.0.53}. */
    Map<String, String> glue();

    /**
     * The environment's services in the forward zone, by unqualified name: {@code slavealloc=10.254.0.1}
     * makes {@code slavealloc.<zone>} an A record that only this configuration changes.
     */
    @WithName("zone.service-names")
    Map<String, String> serviceNames();

    /** The zones' SOA values. */
    Soa soa();

    /** The authoritative DNS server. */
    Server server();

    /** Zone transfers and NOTIFY. */
    Transfer transfer();

    /** TSIG keys that may send dynamic updates (and transfer zones), by key name. */
    Map<String, TsigKey> tsig();

    interface Soa {

        /** The zones' contact mailbox; a name without a dot is in the forward zone. */
        @WithDefault("hostmaster")
        String hostmaster();

        /** How often secondaries check the serial, in seconds. */
        @WithDefault("3600")
        long refresh();

        /** How soon secondaries retry a failed refresh, in seconds. */
        @WithDefault("600")
        long retry();

        /** How long secondaries keep serving without reaching this server, in seconds. */
        @WithDefault("1209600")
        long expire();

        /** How long resolvers cache a negative answer, in seconds. */
        @WithDefault("60")
        long minimum();
    }

    interface Server {

        /** Run the DNS server in this service. */
        @WithDefault("true")
        boolean enabled();

        /** Address to listen on (UDP and TCP). */
        @WithDefault("0.0.0.0")
        String host();

        /** Port to listen on (UDP and TCP); 0 picks a free one. */
        @WithDefault("5353")
        int port();

        /**
         * Further addresses served exactly like the main one, as {@code address:port}: where the machines of
         * the environment's networks send their queries ({@code 10.254.0.1:53}).
         */
        Optional<List<String>> machineListeners();

        /** How often a listener that could not bind (address not there yet, port taken) is tried again. */
        @WithDefault("5s")
        Duration listenerRetryInterval();

        /** UDP sockets, each with its own thread, sharing the port (SO_REUSEPORT). */
        @WithDefault("2")
        int udpThreads();

        /** TCP connections served at once. */
        @WithDefault("32")
        int tcpConnections();

        /** A TCP connection idle this long is closed. */
        @WithDefault("10s")
        Duration tcpIdleTimeout();

        /** Largest UDP response this server sends to an EDNS client (RFC 9715 advises 1232). */
        @WithDefault("1232")
        int maxUdpPayload();

        /** Rendered answers kept per zone version, so repeated questions skip the lookup. */
        @WithDefault("20000")
        int responseCacheSize();

        /** How often the served zones are checked against the database's serials (changes made elsewhere). */
        @WithDefault("500ms")
        Duration refreshInterval();
    }

    interface Transfer {

        /** Addresses or networks (CIDR) that may transfer the zones (AXFR/IXFR) without a TSIG key. */
        @WithDefault("127.0.0.1/32,::1/128")
        List<String> allowed();

        /** Secondaries sent a NOTIFY after every change, as {@code host:port} or {@code host}. */
        @WithName("notify")
        Optional<List<String>> notifyTargets();

        /** Journal entries kept per zone for incremental transfers (IXFR); older ones fall back to AXFR. */
        @WithDefault("1000")
        int journalSerials();
    }

    interface TsigKey {

        /** HMAC algorithm: hmac-sha256, hmac-sha512, hmac-sha1, ... */
        @WithDefault("hmac-sha256")
        String algorithm();

        /** The base64 secret itself; set it from the environment ({@code ${RELOPS_DNS_TSIG_SECRET}}), never inline. */
        Optional<String> secret();

        /** A file holding the base64 secret, or a BIND key file ({@code key "name" { secret "..."; };}). */
        Optional<Path> secretFile();
    }
}
