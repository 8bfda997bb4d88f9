package org.relops.dns.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.dns.RawDns;
import org.relops.dns.service.DnsServing;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The running DNS server under 100,000 random and mutated UDP packets and 2,000 over TCP
 * ({@link DnsPacketMutations}): every burst of 50 is followed by a valid query that must be answered correctly,
 * nothing a packet holds may make the server log a failure, and at the end it still answers over both
 * transports and the service is ready. Seeded: {@code -Drelops.fuzz.seed=N} replays another run.
 */
@QuarkusTest
class DnsPacketFuzzTest {

    private static final int UDP_PACKETS = 100_000;
    private static final int TCP_MESSAGES = 2_000;
    /** Small enough that a burst fits the socket's receive buffer: a flood past it only measures the kernel. */
    private static final int BURST = 50;
    private static final int TCP_MESSAGES_PER_CONNECTION = 10;
    private static final String PROBE = "ns1.test.relops.example.";
    private static final String PROBE_ADDRESS = "127.0.0.1";
    /** A datagram can be lost under a flood, as on any network: a valid query is asked up to this often. */
    private static final int PROBE_ATTEMPTS = 3;
    private static final Path LOG = Path.of("target/dns-service-test.log");
    private static final List<String> FAILURES = List.of("answering a datagram from", "serving a TCP connection");

    @Inject
    DnsServing serving;

    private int probes;

    @Test
    void shouldKeepAnsweringValidQueriesThroughAFloodOfHostilePackets() throws Exception {
        long seed = Long.getLong("relops.fuzz.seed", Optional.ofNullable(System.getenv("RELOPS_FUZZ_SEED"))
                .map(Long::parseLong).orElse(20_261_201L));
        DnsPacketMutations mutations = new DnsPacketMutations(new Random(seed));
        long logBefore = Files.exists(LOG) ? Files.size(LOG) : 0;
        long started = System.currentTimeMillis();

        int replies = floodUdp(mutations);
        long udpDone = System.currentTimeMillis();
        int tcpReplies = floodTcp(mutations);
        System.out.printf("DNS fuzz, seed %d: %d UDP packets (%d answered) in %d ms, %d TCP messages (%d answered)"
                + " in %d ms, %d valid queries asked between bursts%n", seed, UDP_PACKETS, replies, udpDone - started,
                TCP_MESSAGES, tcpReplies, System.currentTimeMillis() - udpDone, probes);

        assertAnswered(false);
        assertAnswered(true);
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(failuresLoggedSince(logBefore), equalTo(List.of()));
        assertThat(replies, greaterThanOrEqualTo(UDP_PACKETS / 2));
    }

    /** Sends every packet without waiting; after each burst, drains the answers and asks a valid query. */
    private int floodUdp(DnsPacketMutations mutations) throws IOException {
        int replies = 0;
        try (DatagramChannel flood = DatagramChannel.open()) {
            flood.configureBlocking(false);
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serving.port());
            ByteBuffer answers = ByteBuffer.allocate(65_535);
            for (int sent = 0; sent < UDP_PACKETS; sent++) {
                byte[] packet = sent % 2 == 0 ? mutations.next() : mutations.query();
                flood.send(ByteBuffer.wrap(packet), server);
                if ((sent + 1) % BURST == 0) {
                    replies += drain(flood, answers);
                    assertAnswered(false);
                }
            }
            replies += drain(flood, answers);
        }
        return replies;
    }

    private static int drain(DatagramChannel channel, ByteBuffer buffer) throws IOException {
        int drained = 0;
        buffer.clear();
        while (channel.receive(buffer) != null) {
            drained++;
            buffer.clear();
        }
        return drained;
    }

    /**
     * Length-prefixed messages over short-lived connections, the last of each with a length that lies (longer
     * than what follows); the connection is then half-closed, and the server must answer what it could frame
     * and close its side, never hang.
     */
    private int floodTcp(DnsPacketMutations mutations) throws IOException {
        int replies = 0;
        for (int sent = 0; sent < TCP_MESSAGES; sent += TCP_MESSAGES_PER_CONNECTION) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), serving.port())) {
                socket.setSoTimeout(5_000);
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                for (int i = 0; i < TCP_MESSAGES_PER_CONNECTION; i++) {
                    byte[] message = i % 2 == 0 ? mutations.next() : mutations.query();
                    boolean lie = i == TCP_MESSAGES_PER_CONNECTION - 1;
                    out.writeShort(lie ? message.length + 100 : message.length);
                    out.write(message);
                }
                out.flush();
                socket.shutdownOutput();
                replies += answersUntilClosed(new DataInputStream(socket.getInputStream()));
            }
            if ((sent / TCP_MESSAGES_PER_CONNECTION) % 20 == 0) {
                assertAnswered(true);
            }
        }
        return replies;
    }

    /** Reads answers until the server closes; a server that neither answers nor closes fails the read. */
    private static int answersUntilClosed(DataInputStream in) throws IOException {
        int answers = 0;
        try {
            while (true) {
                in.readFully(new byte[in.readUnsignedShort()]);
                answers++;
            }
        } catch (EOFException | SocketException e) {
            return answers;
        }
    }

    /** A valid query is answered with the zone's name server address, over UDP or TCP. */
    private void assertAnswered(boolean tcp) throws IOException {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(PROBE), Type.A, DClass.IN));
        Message answer = null;
        for (int attempt = 0; attempt < PROBE_ATTEMPTS && answer == null; attempt++) {
            answer = tcp ? overTcp(query) : RawDns.exchange(serving.port(), query.toWire(), 1_000).map(this::parse)
                    .orElse(null);
            probes++;
        }
        assertThat("no answer to a valid query over " + (tcp ? "TCP" : "UDP"), answer != null, equalTo(true));
        assertThat(answer.getHeader().getID(), equalTo(query.getHeader().getID()));
        assertThat(answer.getRcode(), equalTo(Rcode.NOERROR));
        List<Record> records = answer.getSection(Section.ANSWER);
        assertThat(records.size(), equalTo(1));
        assertThat(((ARecord) records.get(0)).getAddress().getHostAddress(), equalTo(PROBE_ADDRESS));
    }

    private Message overTcp(Message query) throws IOException {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                serving.port()));
        resolver.setTCP(true);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver.send(query);
    }

    private Message parse(byte[] wire) {
        try {
            return new Message(wire);
        } catch (IOException e) {
            throw new AssertionError("the answer to a valid query does not parse: " + e.getMessage(), e);
        }
    }

    private static List<String> failuresLoggedSince(long offset) throws IOException {
        if (!Files.exists(LOG)) {
            return List.of();
        }
        byte[] log = Files.readAllBytes(LOG);
        String since = new String(log, (int) Math.min(offset, log.length), (int) Math.max(0, log.length - offset),
                StandardCharsets.UTF_8);
        return since.lines().filter(line -> FAILURES.stream().anyMatch(line::contains)).limit(10).toList();
    }
}
