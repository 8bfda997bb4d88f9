package org.relops.e2e;

import java.io.IOException;
import java.time.Duration;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Asks dns-service over the DNS protocol, as any resolver would. */
final class DnsQuery {

    private DnsQuery() {
    }

    /** The A record's address for a name, or {@code null} when the server answers NXDOMAIN. */
    static String addressOf(String fqdn, int port) {
        return addressOf(fqdn, "127.0.0.1", port);
    }

    /** The same, asking the server at the given address (e.g. a machine listener on port 53). */
    static String addressOf(String fqdn, String server, int port) {
        try {
            SimpleResolver resolver = new SimpleResolver(server);
            resolver.setPort(port);
            resolver.setTimeout(Duration.ofSeconds(3));
            Message response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(fqdn + "."), Type.A,
                    DClass.IN)));
            if (response.getRcode() == Rcode.NXDOMAIN) {
                return null;
            }
            return response.getSection(Section.ANSWER).stream()
                    .filter(ARecord.class::isInstance)
                    .map(record -> ((ARecord) record).getAddress().getHostAddress())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no A record for " + fqdn + ": " + response));
        } catch (IOException e) {
            throw new IllegalStateException("DNS query for " + fqdn + " failed", e);
        }
    }
}
