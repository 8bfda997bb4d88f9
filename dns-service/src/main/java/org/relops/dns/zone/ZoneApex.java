package org.relops.dns.zone;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * The records at the top of every zone, made from configuration rather than stored: the SOA (with the
 * zone's current serial), the NS records, and the addresses of name servers that live in the forward zone.
 */
public final class ZoneApex {

    private final ZoneNames names;
    private final Settings settings;
    private final List<Name> nameServers;
    private final Name hostmaster;

    public ZoneApex(ZoneNames names, Settings settings) {
        this.names = names;
        this.settings = settings;
        this.nameServers = settings.nameServers().stream().map(names::resolve).toList();
        if (nameServers.isEmpty()) {
            throw new IllegalArgumentException("a zone needs at least one name server");
        }
        this.hostmaster = names.resolve(settings.hostmaster());
        for (Name server : nameServers) {
            if (server.subdomain(names.forward()) && glueFor(server).isEmpty()) {
                throw new IllegalArgumentException("name server " + ZoneNames.fqdn(server)
                        + " is in the zone but has no address; set relops.dns.glue." + relative(server));
            }
        }
    }

    /** The SOA of a zone at a serial. */
    public SOARecord soa(Name zone, long serial) {
        return new SOARecord(zone, DClass.IN, settings.ttl(), nameServers.get(0), hostmaster, serial,
                settings.refresh(), settings.retry(), settings.expire(), settings.minimum());
    }

    /** The zone's NS records and, in the forward zone, the addresses of the name servers in it. */
    public List<Record> apexRecords(Name zone) {
        List<Record> records = new ArrayList<>();
        for (Name server : nameServers) {
            records.add(new NSRecord(zone, DClass.IN, settings.ttl(), server));
        }
        if (zone.equals(names.forward())) {
            for (Name server : nameServers) {
                if (server.subdomain(zone)) {
                    records.addAll(glueFor(server));
                }
            }
        }
        return records;
    }

    private List<Record> glueFor(Name server) {
        String address = settings.glue().get(relative(server));
        if (address == null) {
            address = settings.glue().get(ZoneNames.fqdn(server));
        }
        if (address == null) {
            return List.of();
        }
        try {
            InetAddress parsed = Address.getByAddress(address.trim());
            return List.of(parsed.getAddress().length == 4
                    ? new ARecord(server, DClass.IN, settings.ttl(), parsed)
                    : new AAAARecord(server, DClass.IN, settings.ttl(), parsed));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("glue address '" + address + "' of " + ZoneNames.fqdn(server)
                    + " is not an IP address");
        }
    }

    private String relative(Name server) {
        return server.subdomain(names.forward())
                ? server.relativize(names.forward()).toString().toLowerCase(Locale.ROOT)
                : ZoneNames.fqdn(server);
    }

    /** What the apex is made of. */
    public record Settings(List<String> nameServers, Map<String, String> glue, String hostmaster, int ttl,
            long refresh, long retry, long expire, long minimum) {
    }
}
