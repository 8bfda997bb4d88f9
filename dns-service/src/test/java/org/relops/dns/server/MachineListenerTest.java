package org.relops.dns.server;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.dns.Dig;
import org.relops.dns.config.DnsConfig;
import org.relops.dns.service.DnsServing;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Machine listeners: the DNS server also listens where the environment's machines send their queries.
 * Here one listener is on a second loopback address (Linux binds any of 127/8) and one on an address no
 * interface of this host has.
 */
@QuarkusTest
@TestProfile(MachineListenerTest.TwoMachineListeners.class)
class MachineListenerTest {

    private static final String ZONE = "test.relops.example";
    private static final String MACHINE_NETWORK = "127.0.0.2";
    /** Documentation space (RFC 5737): never an address of this host. */
    private static final String MISSING_NETWORK = "192.0.2.1";
    private static final Duration FOLLOWS = Duration.ofSeconds(5);

    @Inject
    DnsServing serving;

    @Inject
    DnsConfig config;

    @Test
    void shouldAnswerOnAMachineListenerExactlyAsOnTheMainListener() throws Exception {
        String alias = "machines-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body("{\"addresses\": [\"10.0.0.81\"]}")
                .put("/v1/aliases/{name}", alias).then().statusCode(201);
        Dig machineDig = Dig.at(MACHINE_NETWORK, machinePort());

        await().atMost(FOLLOWS).until(() -> machineDig.shortAnswer(alias + "." + ZONE, "A").equals("10.0.0.81"));

        assertThat(machineDig.shortAnswer("slavealloc." + ZONE, "A"), equalTo("10.254.0.1"));
        assertThat(machineDig.query(ZONE, "SOA", "+tcp"), containsString("flags: qr aa"));
        for (boolean tcp : List.of(false, true)) {
            for (String question : List.of(alias + "." + ZONE, "slavealloc." + ZONE, ZONE, "nobody." + ZONE)) {
                Message onMain = ask(new InetSocketAddress("127.0.0.1", serving.port()), question, tcp);
                Message onMachines = ask(new InetSocketAddress(MACHINE_NETWORK, machinePort()), question, tcp);

                assertThat(question, onMachines.getRcode(), equalTo(onMain.getRcode()));
                assertThat(question, onMachines.getHeader().getFlag(Flags.AA), equalTo(true));
                assertThat(question, onMachines.getSection(Section.ANSWER), equalTo(onMain.getSection(Section.ANSWER)));
                assertThat(question, onMachines.getSection(Section.AUTHORITY),
                        equalTo(onMain.getSection(Section.AUTHORITY)));
            }
        }
    }

    @Test
    void shouldBeNotReadyNamingTheListenerThatCannotBindWhileTheOthersAnswer() {
        Map<String, Object> check = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath()
                .getMap("checks.find { it.name == 'dns-server' }");

        assertThat(check.get("status"), equalTo("DOWN"));
        Map<?, ?> data = (Map<?, ?>) check.get("data");
        assertThat(String.valueOf(data.get("machine listener " + MISSING_NETWORK + ":" + machinePort())),
                startsWith("not listening: cannot listen for DNS on " + MISSING_NETWORK + " port " + machinePort()
                        + ": "));
        assertThat(String.valueOf(data.get("machine listener " + MISSING_NETWORK + ":" + machinePort())),
                containsString("; trying again every 200ms"));
        assertThat(data.get("machine listener " + MACHINE_NETWORK + ":" + machinePort()),
                equalTo("listening on port " + machinePort()));
        assertThat(Dig.at(serving.port()).shortAnswer("ns1." + ZONE, "A"), equalTo("127.0.0.1"));
    }

    private int machinePort() {
        return ListenAddress.parse(config.server().machineListeners().orElseThrow().get(0)).port();
    }

    private static Message ask(InetSocketAddress server, String name, boolean tcp) throws IOException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(5));
        int type = name.equals(ZONE) ? Type.SOA : Type.A;
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
    }

    /** A machine listener on 127.0.0.2 and one on an address this host does not have, on the same free port. */
    public static class TwoMachineListeners implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            int port = freePortOn(MACHINE_NETWORK);
            return Map.of("relops.dns.server.machine-listeners",
                    MACHINE_NETWORK + ":" + port + "," + MISSING_NETWORK + ":" + port,
                    "relops.dns.server.listener-retry-interval", "200ms");
        }

        private static int freePortOn(String address) {
            for (int attempt = 0; attempt < 20; attempt++) {
                try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName(address));
                        DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getByName(address))) {
                    return udp.getLocalPort();
                } catch (IOException e) {
                    // that port was free for TCP only; try another
                }
            }
            throw new IllegalStateException("no port free for UDP and TCP on " + address);
        }
    }
}
