package org.relops.slavealloc.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.slavealloc.Slave;
import org.relops.slavealloc.config.SlaveallocConfig;

/**
 * Decides whether a request may have a slave's tac, which carries its password: it must come from
 * the slave's own address (as its machine reported at boot, or, for a slave relops did not boot, as
 * DNS resolves its name), from a network configured as open, or show the slave's tac token.
 */
@ApplicationScoped
public class TacAccess {

    @Inject
    SlaveallocConfig config;

    private List<Cidr> openTo = List.of();

    @PostConstruct
    void readOpenNetworks() {
        openTo = config.tac().openTo().orElse(List.of()).stream()
                .filter(text -> !text.isBlank())
                .map(Cidr::parse)
                .toList();
    }

    public boolean permits(Slave slave, Requester requester) {
        return permits(slave.name, slave.address, slave.tacTokenHash, requester);
    }

    /** The same rule, from the slave's name, recorded address and token hash (either may be null). */
    public boolean permits(String slaveName, String slaveAddress, String tacTokenHash, Requester requester) {
        if (requester.token().isPresent() && tacTokenHash != null) {
            byte[] shown = HexFormat.of().parseHex(hash(requester.token().get()));
            return MessageDigest.isEqual(shown, HexFormat.of().parseHex(tacTokenHash));
        }
        Optional<InetAddress> from = address(requester.address());
        if (from.isEmpty()) {
            return false;
        }
        if (openTo.stream().anyMatch(network -> network.contains(from.get()))) {
            return true;
        }
        return knownAddresses(slaveName, slaveAddress).contains(from.get());
    }

    /**
     * Whether {@link #permits} may have to ask DNS for this slave (it has no recorded address): then the
     * check blocks, and must not run on an event loop.
     */
    public boolean mayResolve(String slaveAddress) {
        return slaveAddress == null && config.tac().resolveUnknownAddresses();
    }

    /**
     * Whether a request comes from a relops master's own machine (its recorded address) or a network
     * configured as open: who may get the master's credential.
     */
    public boolean permitsMaster(org.relops.slavealloc.Master master, String requesterAddress) {
        Optional<InetAddress> from = address(requesterAddress);
        if (from.isEmpty() || master.address == null) {
            return false;
        }
        return openTo.stream().anyMatch(network -> network.contains(from.get()))
                || address(master.address).map(from.get()::equals).orElse(false);
    }

    /** The stored form of a tac token. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<InetAddress> knownAddresses(String slaveName, String slaveAddress) {
        if (slaveAddress != null) {
            return address(slaveAddress).stream().toList();
        }
        if (!config.tac().resolveUnknownAddresses()) {
            return List.of();
        }
        try {
            return Arrays.asList(InetAddress.getAllByName(slaveName));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    private static Optional<InetAddress> address(String literal) {
        try {
            return Optional.of(InetAddress.getByAddress(Cidr.literal(literal)));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return Optional.empty();
        }
    }
}
