package org.relops.dns.server;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * The server's sockets, without the service: one port for UDP and TCP, repeated questions answered alike
 * (from the response cache) under each query's id, a clear failure when the port is taken, and a listener
 * that binds once it can.
 */
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
    void shouldAnswerARepeatedQuestionWithTheSameRecordsUnderEachQuerysId() throws Exception {
        try (DnsServer server = DnsServer.start(settings(0), responder())) {
            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    server.port()));
            resolver.setTimeout(Duration.ofSeconds(5));
            Record question = Record.newRecord(Name.fromString(ZONE + "."), Type.NS, DClass.IN);
            Message first = resolver.send(withId(Message.newQuery(question), 0x1234));

            for (int id : List.of(0x0001, 0xBEEF, 0x1234)) {
                Message again = resolver.send(withId(Message.newQuery(question), id));

                assertThat(again.getHeader().getID(), equalTo(id));
                assertThat(again.getSection(1), equalTo(first.getSection(1)));
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

    @Test
    void shouldListenOnAnAddressAsSoonAsItsPortIsFreeAgain() throws Exception {
        InetAddress secondLoopback = InetAddress.getByName("127.0.0.2");
        try (ServerSocket taken = new ServerSocket(0, 1, secondLoopback)) {
            int port = taken.getLocalPort();
            try (ListenerBinding listener = new ListenerBinding("machine listener 127.0.0.2:" + port,
                    settings("127.0.0.2", port), "free the port", Duration.ofSeconds(5))) {
                assertThat(listener.bind(responder()), equalTo(false));
                assertThat(listener.failure().orElseThrow(), containsString("127.0.0.2 port " + port));

                taken.close();

                assertThat(listener.bind(responder()), equalTo(true));
                assertThat(listener.failure(), equalTo(Optional.empty()));
                assertThat(listener.state(), equalTo("listening on port " + port));
                assertThat(soaRcode(new InetSocketAddress(secondLoopback, port)), equalTo(Rcode.NOERROR));
            }
        }
    }

    @Test
    void shouldSayWhichAddressItCannotListenOnAndWhy() {
        // 192.0.2.0/24 is documentation space (RFC 5737): no interface of this host has it.
        try (ListenerBinding listener = new ListenerBinding("machine listener 192.0.2.1:0",
                settings("192.0.2.1", 0), "add the address", Duration.ofMillis(1500))) {
            assertThat(listener.bind(responder()), equalTo(false));
            assertThat(listener.bind(responder()), equalTo(false));

            assertThat(listener.listening(), equalTo(false));
            assertThat(listener.port(), equalTo(-1));
            assertThat(listener.failure().orElseThrow(), containsString("cannot listen for DNS on 192.0.2.1 port 0: "));
            assertThat(listener.state(), startsWith("not listening: cannot listen for DNS on 192.0.2.1 port 0: "));
            assertThat(listener.state(), endsWith("; trying again every 1500ms"));
        }
    }

    @Test
    void shouldParseListenAddressesAndRefuseAnythingElse() {
        assertThat(ListenAddress.parse("10.254.0.1:53"), equalTo(new ListenAddress("10.254.0.1", 53)));
        assertThat(ListenAddress.parse("[fd00::1]:53"), equalTo(new ListenAddress("fd00::1", 53)));
        assertThat(ListenAddress.parse("[fd00::1]:53").toString(), equalTo("[fd00::1]:53"));
        for (String bad : List.of("10.254.0.1", "dns.example:53", "10.254.0.1:dns", "10.254.0.1:65536", ":53")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ListenAddress.parse(bad));
            assertThat(refused.getMessage(), containsString("'" + bad + "'"));
        }
    }

    private static int soaRcode(InetSocketAddress server) throws IOException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(ZONE + "."), Type.SOA, DClass.IN)))
                .getRcode();
    }

    private static Message withId(Message query, int id) {
        query.getHeader().setID(id);
        return query;
    }

    private static DnsServer.Settings settings(int port) {
        return settings("127.0.0.1", port);
    }

    private static DnsServer.Settings settings(String host, int port) {
        return new DnsServer.Settings(host, port, 2, 4, Duration.ofSeconds(5));
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
