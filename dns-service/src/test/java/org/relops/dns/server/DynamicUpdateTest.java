package org.relops.dns.server;

import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.relops.dns.Dig;
import org.relops.dns.ExternalCommand;
import org.relops.dns.ExternalCommand.Result;
import org.relops.dns.TestBus;
import org.relops.dns.service.DnsServing;
import org.relops.model.envelope.EnvelopeCodec;
import org.relops.model.event.DnsZoneChanged;
import org.relops.testing.BusProbe;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DynamicUpdateTest {

    private static final String ZONE = "test.relops.example";
    private static final String KEY = "relops-update";
    private static final Duration FOLLOWS = Duration.ofSeconds(5);

    @Inject
    DnsServing serving;

    private final BusProbe bus = TestBus.probe();

    @Test
    void shouldApplyASignedUpdateAndServeIt() {
        String name = name("web");

        Result result = nsupdate(signedWith(secret()), "update add " + name + "." + ZONE + " 300 A 10.0.0.61",
                "update add " + name + "." + ZONE + " 300 TXT \"built by relops\"");

        assertThat(result.all(), result.exitCode(), equalTo(0));
        await().atMost(FOLLOWS).until(() -> dig().shortAnswer(name + "." + ZONE, "A").equals("10.0.0.61"));
        assertThat(dig().shortAnswer(name + "." + ZONE, "TXT"), equalTo("\"built by relops\""));
        when().get("/v1/records/{name}", name).then().statusCode(200)
                .body("items.owner", contains("update:" + KEY, "update:" + KEY));
        DnsZoneChanged changed = bus.awaitEvent(DnsZoneChanged.class,
                e -> e.added().stream().anyMatch(line -> line.startsWith(name + ".")));
        assertThat(changed.cause(), equalTo("dynamic update signed by " + KEY));
    }

    @Test
    void shouldApplyASignedUpdateSentOverTcp() {
        String name = name("tcp");

        Result result = nsupdate(new String[] {"-v", "-y", "hmac-sha256:" + KEY + ":" + secret()},
                "update add " + name + "." + ZONE + " 300 A 10.0.0.62");

        assertThat(result.all(), result.exitCode(), equalTo(0));
        await().atMost(FOLLOWS).until(() -> dig().shortAnswer(name + "." + ZONE, "A").equals("10.0.0.62"));
    }

    @Test
    void shouldDeleteRecordsByUpdate() {
        String name = name("gone");
        nsupdate(signedWith(secret()), "update add " + name + "." + ZONE + " 300 A 10.0.0.63");
        await().atMost(FOLLOWS).until(() -> dig().shortAnswer(name + "." + ZONE, "A").equals("10.0.0.63"));

        Result result = nsupdate(signedWith(secret()), "update delete " + name + "." + ZONE + " A");

        assertThat(result.all(), result.exitCode(), equalTo(0));
        await().atMost(FOLLOWS).until(() -> dig().query(name + "." + ZONE, "A").contains("status: NXDOMAIN"));
        when().get("/v1/records/{name}", name).then().statusCode(404);
    }

    @Test
    void shouldRefuseAnUnsignedUpdate() {
        String name = name("unsigned");

        Result result = nsupdate(new String[0], "update add " + name + "." + ZONE + " 300 A 10.0.0.64");

        assertThat(result.exitCode(), not(equalTo(0)));
        assertThat(result.all(), containsString("REFUSED"));
        assertNotApplied(name);
    }

    @Test
    void shouldRefuseAnUpdateSignedWithTheWrongSecret() {
        String name = name("forged");

        Result result = nsupdate(signedWith("d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZy0wMTIzNDU="),
                "update add " + name + "." + ZONE + " 300 A 10.0.0.65");

        assertThat(result.exitCode(), not(equalTo(0)));
        assertNotApplied(name);
    }

    @Test
    void shouldRefuseAnUpdateSignedWithAnUnknownKey() {
        String name = name("stranger");

        Result result = nsupdate(new String[] {"-y", "hmac-sha256:someone-else:" + secret()},
                "update add " + name + "." + ZONE + " 300 A 10.0.0.66");

        assertThat(result.exitCode(), not(equalTo(0)));
        assertNotApplied(name);
    }

    @Test
    void shouldRefuseAnUpdateWhosePrerequisiteFails() {
        String name = name("prereq");

        Result result = nsupdate(signedWith(secret()), "prereq yxdomain " + name + "." + ZONE,
                "update add " + name + "." + ZONE + " 300 A 10.0.0.67");

        assertThat(result.exitCode(), not(equalTo(0)));
        assertThat(result.all(), containsString("NXDOMAIN"));
        assertNotApplied(name);
    }

    @Test
    void shouldRefuseAnUpdateOfAZoneItDoesNotServe() {
        Result result = ExternalCommand.runWithInput(Duration.ofSeconds(30), String.join("\n",
                        "server 127.0.0.1 " + serving.port(), "zone example.org",
                        "update add www.example.org 300 A 10.0.0.68", "send", ""),
                "nsupdate", "-y", "hmac-sha256:" + KEY + ":" + secret());

        assertThat(result.exitCode(), not(equalTo(0)));
        assertThat(result.all(), containsString("NOTAUTH"));
    }

    @Test
    void shouldRefuseAnUpdateThatWouldChangeAServiceName() {
        Result deletion = nsupdate(signedWith(secret()), "update delete slavealloc." + ZONE + " A");
        Result addition = nsupdate(signedWith(secret()), "update add slavealloc." + ZONE + " 300 A 10.0.0.71");

        assertThat(deletion.all(), containsString("REFUSED"));
        assertThat(addition.all(), containsString("REFUSED"));
        assertThat(dig().shortAnswer("slavealloc." + ZONE, "A"), equalTo("10.254.0.1"));
    }

    @Test
    void shouldKeepTheSecretOutOfEventsResponsesAndLogs() throws Exception {
        nsupdate(signedWith(secret()), "update add " + name("secret") + "." + ZONE + " 300 A 10.0.0.69");
        nsupdate(signedWith("d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZy0wMTIzNDU="),
                "update add " + name("secret") + "." + ZONE + " 300 A 10.0.0.70");

        bus.events(DnsZoneChanged.class, e -> true).forEach(event ->
                assertThat(EnvelopeCodec.JSON.valueToTree(event).toString(), not(containsString(secret()))));
        assertThat(when().get("/v1/zone").asString(), not(containsString(secret())));
        assertThat(when().get("/v1/zone/export").asString(), not(containsString(secret())));
        assertThat(Files.readString(Path.of("target/dns-service-test.log")), not(containsString(secret())));
    }

    private void assertNotApplied(String name) {
        assertThat(dig().query(name + "." + ZONE, "A"), containsString("status: NXDOMAIN"));
        when().get("/v1/records/{name}", name).then().statusCode(404);
    }

    private Result nsupdate(String[] options, String... commands) {
        StringBuilder script = new StringBuilder("server 127.0.0.1 " + serving.port() + "\nzone " + ZONE + "\n");
        for (String command : commands) {
            script.append(command).append('\n');
        }
        script.append("send\n");
        String[] command = new String[options.length + 1];
        command[0] = "nsupdate";
        System.arraycopy(options, 0, command, 1, options.length);
        return ExternalCommand.runWithInput(Duration.ofSeconds(30), script.toString(), command);
    }

    private static String[] signedWith(String secret) {
        return new String[] {"-y", "hmac-sha256:" + KEY + ":" + secret};
    }

    private static String secret() {
        return ConfigProvider.getConfig().getValue("relops.dns.tsig.relops-update.secret", String.class);
    }

    private Dig dig() {
        return Dig.at(serving.port());
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
