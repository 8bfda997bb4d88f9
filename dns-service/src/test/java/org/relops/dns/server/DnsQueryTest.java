package org.relops.dns.server;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.dns.Dig;
import org.relops.dns.RawDns;
import org.relops.dns.TestBus;
import org.relops.dns.service.DnsServing;
import org.relops.model.event.DnsRecordPublished;
import org.relops.model.event.MachineBooted;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class DnsQueryTest {

    private static final String ZONE = "test.relops.example";
    private static final Duration FOLLOWS = Duration.ofSeconds(5);

    @Inject
    DnsServing serving;

    @Inject
    DataSource database;

    @Test
    void shouldAnswerBootedMachineWithItsAddressAndPointer() {
        String host = name("bld");
        TestBus.probe().publish(new MachineBooted(UUID.randomUUID().toString(), host, "vm-1", "52:54:00:00:00:02",
                "10.77.0.9", "releng", "1", "sha256:00", "builder", true, "production", "boot-1"));
        TestBus.probe().awaitEvent(DnsRecordPublished.class, e -> e.hostname().equals(host));

        await().atMost(FOLLOWS).until(() -> dig().shortAnswer(host + "." + ZONE, "A").equals("10.77.0.9"));

        String full = dig().query(host + "." + ZONE, "A");
        assertThat(full, containsString("status: NOERROR"));
        assertThat(full, containsString("flags: qr aa"));
        assertThat(dig().shortAnswer("-x", "10.77.0.9"), containsString(host + "." + ZONE + "."));
    }

    @Test
    void shouldServeSoaAndNameServersAtTheApex() {
        assertThat(dig().shortAnswer(ZONE, "SOA"), startsWith("ns1." + ZONE + ". hostmaster." + ZONE + ". "));
        assertThat(dig().shortAnswer(ZONE, "NS"), equalTo("ns1." + ZONE + "."));
        assertThat(dig().shortAnswer("ns1." + ZONE, "A"), equalTo("127.0.0.1"));
        assertThat(dig().shortAnswer("10.in-addr.arpa", "SOA"), startsWith("ns1." + ZONE + ". "));
    }

    @Test
    void shouldAnswerNxdomainWithTheSoaForUnknownNames() {
        String answer = dig().query("nobody-" + UUID.randomUUID() + "." + ZONE, "A");

        assertThat(answer, containsString("status: NXDOMAIN"));
        assertThat(answer, containsString("flags: qr aa"));
        assertThat(answer, containsString("AUTHORITY: 1"));
        assertThat(answer, containsString("IN\tSOA\tns1." + ZONE + "."));
    }

    @Test
    void shouldAnswerNoDataWithTheSoaWhenTheNameHasNoSuchRecord() {
        String alias = putAlias("{\"addresses\": [\"10.0.0.31\"]}");
        await().atMost(FOLLOWS).until(() -> dig().shortAnswer(alias + "." + ZONE, "A").equals("10.0.0.31"));

        String answer = dig().query(alias + "." + ZONE, "TXT");

        assertThat(answer, containsString("status: NOERROR"));
        assertThat(answer, containsString("ANSWER: 0, AUTHORITY: 1"));
        assertThat(answer, containsString("IN\tSOA"));
    }

    @Test
    void shouldRefuseNamesOutsideItsZones() {
        String answer = dig().query("www.example.org", "A");

        assertThat(answer, containsString("status: REFUSED"));
        assertThat(answer, not(containsString(" aa")));
    }

    @Test
    void shouldFollowAnAliasCnameToItsTarget() {
        String target = putAlias("{\"addresses\": [\"10.0.0.41\"]}");
        String alias = putAlias("{\"target\": \"" + target + "\"}");

        await().atMost(FOLLOWS).until(() -> dig().shortAnswer(alias + "." + ZONE, "A")
                .equals(target + "." + ZONE + ".\n10.0.0.41"));
    }

    @Test
    void shouldServeIpv6AddressesAsAaaaRecords() {
        String alias = putAlias("{\"addresses\": [\"fd00::99\"]}");

        await().atMost(FOLLOWS).until(() -> dig().shortAnswer(alias + "." + ZONE, "AAAA").equals("fd00::99"));
    }

    @Test
    void shouldTruncateALargeAnswerOverUdpAndServeItWholeOverTcp() {
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= 90; i++) {
            addresses.add("10.5." + (i / 250) + "." + (i % 250 + 1));
        }
        String alias = putAlias("{\"addresses\": [" + addresses.stream().map(a -> "\"" + a + "\"")
                .collect(Collectors.joining(",")) + "]}");
        String fqdn = alias + "." + ZONE;
        await().atMost(FOLLOWS).until(() -> dig().shortAnswer(fqdn, "A", "+tcp").lines().count() == 90);

        assertThat(dig().query(fqdn, "A", "+notcp", "+noedns", "+ignore"), containsString("flags: qr aa tc"));
        assertThat(dig().query(fqdn, "A", "+notcp", "+bufsize=4096", "+ignore"), containsString("flags: qr aa tc"));
        assertThat(dig().shortAnswer(fqdn, "A").lines().toList(), hasSize(90));
    }

    @Test
    void shouldAnswerEdnsQueriesWithItsOwnUdpSize() {
        String answer = dig().query(ZONE, "SOA", "+bufsize=4096");

        assertThat(answer, containsString("EDNS: version: 0, flags:; udp: 1232"));
    }

    @Test
    void shouldAnswerAnUnknownEdnsVersionWithBadvers() {
        String answer = dig().query(ZONE, "SOA", "+edns=1", "+noednsnegotiation");

        assertThat(answer, containsString("status: BADVERS"));
    }

    @Test
    void shouldAnswerGarbageWithFormerrAndKeepServing() {
        byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x41, 0x42};

        byte[] reply = RawDns.exchange(serving.port(), garbage, 2000).orElseThrow();

        assertThat(reply[0], equalTo((byte) 0x12));
        assertThat(reply[1], equalTo((byte) 0x34));
        assertThat(reply[3] & 0x0F, equalTo(Rcode.FORMERR));
        assertThat(dig().shortAnswer("ns1." + ZONE, "A"), equalTo("127.0.0.1"));
    }

    @Test
    void shouldDropPacketsTooShortToAnswer() {
        assertThat(RawDns.exchange(serving.port(), new byte[] {1, 2, 3}, 500), equalTo(Optional.empty()));
        assertThat(dig().shortAnswer("ns1." + ZONE, "A"), equalTo("127.0.0.1"));
    }

    @Test
    void shouldNeverAnswerAResponse() throws Exception {
        Message response = Message.newQuery(Record.newRecord(Name.fromString(ZONE + "."), Type.SOA, DClass.IN));
        response.getHeader().setFlag(Flags.QR);

        assertThat(RawDns.exchange(serving.port(), response.toWire(), 500), equalTo(Optional.empty()));
    }

    @Test
    void shouldAnswerAnUnsupportedOpcodeWithNotimp() throws Exception {
        Message status = Message.newQuery(Record.newRecord(Name.fromString(ZONE + "."), Type.SOA, DClass.IN));
        status.getHeader().setOpcode(Opcode.STATUS);

        Message reply = new Message(RawDns.exchange(serving.port(), status.toWire(), 2000).orElseThrow());

        assertThat(reply.getRcode(), equalTo(Rcode.NOTIMP));
    }

    @Test
    void shouldServeAChangeWithinASecondUnderAHigherSerial() {
        long before = serial();
        String alias = putAlias("{\"addresses\": [\"10.0.0.51\"]}");

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> dig().shortAnswer(alias + "." + ZONE, "A").equals("10.0.0.51"));
        assertThat(serial(), greaterThan(before));
    }

    @Test
    void shouldServeAChangeMadeByAnotherReplicaWithinASecond() throws Exception {
        String name = name("replica");
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            // What another replica's commit leaves in the database: a record and a higher serial.
            statement.executeUpdate("insert into dns_record (zone, name, type, ttl, data, owner, created_at) values ('"
                    + ZONE + ".', '" + name + "." + ZONE + ".', 'A', 300, '10.0.0.52', 'alias:" + name + "', now())");
            statement.executeUpdate("update dns_zone set serial = serial + 1 where name = '" + ZONE + ".'");
        }

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> dig().shortAnswer(name + "." + ZONE, "A").equals("10.0.0.52"));
    }

    @Test
    void shouldBeReadyWhileServingEveryZone() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'dns-server' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'dns-server' }.data.port", equalTo(serving.port()));
    }

    private long serial() {
        return Long.parseLong(dig().shortAnswer(ZONE, "SOA").split(" ")[2]);
    }

    private Dig dig() {
        return Dig.at(serving.port());
    }

    private static String putAlias(String json) {
        String name = name("alias");
        given().contentType(ContentType.JSON).body(json).put("/v1/aliases/{name}", name).then().statusCode(201);
        return name;
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
