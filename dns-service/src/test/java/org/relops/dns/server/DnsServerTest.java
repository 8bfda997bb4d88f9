package org.relops.dns.server;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relops.dns.zone.ZoneApex;
import org.relops.dns.zone.ZoneNames;
import org.relops.dns.zone.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The server's sockets, without the service: one port for UDP and TCP, and a clear failure when it is taken. */
class DnsServerTest {

    private static final String ZONE = "unit.relops.example";

    private final ExecutorService updates = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        updates.shutdownNow();
    }

    @Test
    void shouldAnswerOnOnePortOverUdpAndTcp() throws Exception {
        try (DnsServer server = DnsServer.start(settings(0), responder())) {
            for (boolean tcp : List.of(false, true)) {
                SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        server.port()));
                resolver.setTCP(tcp);
                resolver.setTimeout(Duration.ofSeconds(5));

                Message answer = resolver.send(Message.newQuery(
                        Record.newRecord(Name.fromString(ZONE + "."), Type.SOA, DClass.IN)));

                assertThat(answer.getRcode(), equalTo(Rcode.NOERROR));
                assertThat(answer.getSection(1).get(0).getType(), equalTo(Type.SOA));
            }
        }
    }

    @Test
    void shouldFailToStartOnAPortAlreadyTaken() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            IOException failure = assertThrows(IOException.class,
                    () -> DnsServer.start(settings(taken.getLocalPort()), responder()).close());

            assertThat(failure.getMessage().contains("port " + taken.getLocalPort()), equalTo(true));
        }
    }

    private static DnsServer.Settings settings(int port) {
        return new DnsServer.Settings("127.0.0.1", port, 2, 4, Duration.ofSeconds(5));
    }

    private DnsResponder responder() {
        ZoneNames names = new ZoneNames(ZONE, List.of());
        ZoneApex apex = new ZoneApex(names, new ZoneApex.Settings(List.of("ns1"), Map.of("ns1", "127.0.0.1"),
                "hostmaster", 300, 3600, 600, 1_209_600, 60));
        ServedZones zones = new ServedZones(100);
        zones.serve(ZoneSnapshot.of(apex.soa(names.forward(), 1), apex.apexRecords(names.forward())));
        return new DnsResponder(zones, TsigKeyring.empty(), AddressMatcher.of(List.of()), ZoneJournal.NONE, null,
                updates, 1232, new ServerStats());
    }
}
