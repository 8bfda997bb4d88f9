package org.relops.dns.server;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * The TSIG keys this server trusts, by key name. Holds the secrets, so it never prints them: its
 * {@code toString} names the keys only.
 */
public final class TsigKeyring {

    private final Map<Name, TSIG> keys;

    private TsigKeyring(Map<Name, TSIG> keys) {
        this.keys = Map.copyOf(keys);
    }

    public static TsigKeyring of(Map<Name, TSIG> keys) {
        return new TsigKeyring(keys);
    }

    public static TsigKeyring empty() {
        return new TsigKeyring(Map.of());
    }

    public Optional<TSIG> key(Name name) {
        return Optional.ofNullable(keys.get(name));
    }

    public Set<Name> names() {
        return keys.keySet();
    }

    @Override
    public String toString() {
        return "TsigKeyring" + keys.keySet();
    }
}
