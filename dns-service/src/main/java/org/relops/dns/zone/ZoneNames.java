package org.relops.dns.zone;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.relops.model.value.Hostname;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;

/**
 * The names of an environment's zones (its forward zone and reverse zones) and how hostnames, aliases
 * and addresses map into them. All names are absolute and lower-case.
 */
public final class ZoneNames {

    private final Name forward;
    private final List<Name> reverse;

    public ZoneNames(String forwardZone, List<String> reverseZones) {
        this.forward = absolute(forwardZone);
        List<Name> names = new ArrayList<>();
        for (String zone : reverseZones) {
            Name name = absolute(zone);
            if (!name.subdomain(Name.fromConstantString("in-addr.arpa."))
                    && !name.subdomain(Name.fromConstantString("ip6.arpa."))) {
                throw new IllegalArgumentException("reverse zone '" + zone + "' is not under in-addr.arpa or ip6.arpa");
            }
            names.add(name);
        }
        this.reverse = Collections.unmodifiableList(names);
    }

    /** Parses a name as absolute (a trailing dot is optional) and lower-cases it. */
    public static Name absolute(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("empty domain name");
        }
        String text = name.trim().toLowerCase(Locale.ROOT);
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a domain name: " + e.getMessage());
        }
    }

    /** The name as text, absolute with its trailing dot, lower-case. */
    public static String text(Name name) {
        return name.toString().toLowerCase(Locale.ROOT);
    }

    /** The name as people write it: no trailing dot. */
    public static String fqdn(Name name) {
        String text = text(name);
        return text.substring(0, text.length() - 1);
    }

    public Name forward() {
        return forward;
    }

    public List<Name> reverse() {
        return reverse;
    }

    /** The forward zone first, then the reverse zones. */
    public List<Name> all() {
        List<Name> all = new ArrayList<>();
        all.add(forward);
        all.addAll(reverse);
        return all;
    }

    /** A host's (or alias's) name in the forward zone. */
    public Name inForwardZone(Hostname hostname) {
        return relativeToForward(hostname.value());
    }

    /**
     * A name as an operator or a client writes it: a single label, or a name relative to the forward zone
     * without dots, is in the forward zone; anything with a dot is taken as a fully qualified name.
     */
    public Name resolve(String name) {
        String text = name == null ? "" : name.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty domain name");
        }
        return text.contains(".") ? absolute(text) : relativeToForward(text);
    }

    /** The zone (the longest of this environment's zones) a name belongs to, if any. */
    public Optional<Name> zoneOf(Name name) {
        Name best = null;
        for (Name zone : all()) {
            if (name.subdomain(zone) && (best == null || zone.labels() > best.labels())) {
                best = zone;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The PTR owner name of an address, when it falls in one of the reverse zones. */
    public Optional<Name> reverseNameOf(InetAddress address) {
        Name name = ReverseMap.fromAddress(address);
        return reverse.stream().anyMatch(name::subdomain) ? Optional.of(name) : Optional.empty();
    }

    private Name relativeToForward(String label) {
        try {
            return Name.concatenate(Name.fromString(label.toLowerCase(Locale.ROOT)), forward);
        } catch (Exception e) {
            throw new IllegalArgumentException("'" + label + "' is not a domain name: " + e.getMessage());
        }
    }
}
