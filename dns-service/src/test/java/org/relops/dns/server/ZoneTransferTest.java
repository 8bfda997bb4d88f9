package org.relops.dns.server;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.relops.dns.Dig;
import org.relops.dns.ExternalCommand;
import org.relops.dns.ExternalCommand.Result;
import org.relops.dns.service.DnsServing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ZoneTransferTest {

    private static final String ZONE = "test.relops.example";
    private static final String REVERSE_ZONE = "10.in-addr.arpa";
    private static final Duration FOLLOWS = Duration.ofSeconds(5);

    @Inject
    DnsServing serving;

    @Test
    void shouldTransferTheWholeZoneToAnAllowedAddress() {
        String alias = servedAlias("10.0.0.71");

        List<String> records = records(dig().query(ZONE, "AXFR"));

        assertThat(records.get(0), containsString(" SOA "));
        assertThat(records.get(records.size() - 1), equalTo(records.get(0)));
        assertThat(String.join("\n", records), containsString(alias + "." + ZONE + ". 300 IN A 10.0.0.71"));
    }

    @Test
    void shouldRefuseATransferToAnAddressNotAllowed() {
        String answer = dig().query("-b", "127.0.0.2", ZONE, "AXFR");

        assertThat(answer, containsString("Transfer failed"));
        assertThat(records(answer), empty());
    }

    @Test
    void shouldTransferToASignedRequestFromAnyAddress() {
        String answer = dig().query("-b", "127.0.0.2", "-y", "hmac-sha256:relops-update:" + secret(), ZONE, "AXFR");

        assertThat(answer, not(containsString("Transfer failed")));
        assertThat(answer, not(containsString("verify")));
        assertThat(records(answer).get(0), containsString(" SOA "));
    }

    @Test
    void shouldSendOnlyTheChangesInAnIncrementalTransfer() {
        long before = servedSerial();
        String alias = servedAlias("10.0.0.72");

        List<String> records = records(dig().query(ZONE, "IXFR=" + before));

        String all = String.join("\n", records);
        assertThat(all, containsString(alias + "." + ZONE + ". 300 IN A 10.0.0.72"));
        assertThat(all, containsString(" " + before + " "));
        assertThat(all, not(containsString("ns1." + ZONE + ". 300 IN A")));
    }

    @Test
    void shouldAnswerAnUpToDateIncrementalTransferWithTheSoaAlone() {
        long serial = servedSerial();

        List<String> records = records(dig().query(ZONE, "IXFR=" + serial));

        assertThat(records, hasSize(1));
        assertThat(records.get(0), containsString(" " + serial + " "));
    }

    @Test
    void shouldExportZonesThatNamedCheckzoneAccepts() throws IOException {
        servedAlias("10.0.0.73");
        for (String zone : List.of(ZONE, REVERSE_ZONE)) {
            Path file = Files.createTempFile("export-", ".zone");
            Files.writeString(file, when().get("/v1/zone/export?zone=" + zone).then().statusCode(200)
                    .extract().asString());

            Result check = ExternalCommand.run(Duration.ofSeconds(30), "named-checkzone", "-k", "fail", "-n", "fail",
                    zone, file.toString());

            assertThat(check.all(), check.exitCode(), equalTo(0));
            assertThat(check.out(), containsString("OK"));
            Files.delete(file);
        }
    }

    @Test
    void shouldKeepABindSecondaryInStepThroughNotifyAndIncrementalTransfers() throws Exception {
        try (BindSecondary bind = BindSecondary.start(secondaryPort(), serving.port(), List.of(ZONE, REVERSE_ZONE))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> serialAt(bind.dig()) == servedSerial());

            String alias = servedAlias("10.0.0.74");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> bind.dig().shortAnswer(alias + "." + ZONE, "A").equals("10.0.0.74"));
            assertThat(bind.dig().query(alias + "." + ZONE, "A"), containsString("flags: qr aa"));
            assertThat(bind.log(), containsString("notify from 127.0.0.1"));
            assertThat(bind.log(), containsString("Transfer status: success"));
            assertThat(Files.readString(Path.of("target/dns-service-test.log")),
                    containsString("IXFR of " + ZONE + ". serial " + servedSerial() + " to 127.0.0.1: incremental"));
        }
    }

    private String servedAlias(String address) {
        String name = "xfr-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body("{\"addresses\": [\"" + address + "\"]}")
                .put("/v1/aliases/{name}", name).then().statusCode(201);
        await().atMost(FOLLOWS).until(() -> dig().shortAnswer(name + "." + ZONE, "A").equals(address));
        return name;
    }

    private long servedSerial() {
        return serialAt(dig());
    }

    private static long serialAt(Dig dig) {
        String soa = dig.shortAnswer(ZONE, "SOA");
        return soa.isEmpty() ? -1 : Long.parseLong(soa.split(" ")[2]);
    }

    /** The records of a dig answer, without comments and blank lines, each field separated by one space. */
    private static List<String> records(String digOutput) {
        return digOutput.lines().filter(line -> !line.isBlank() && !line.startsWith(";"))
                .map(line -> line.replaceAll("\\s+", " ")).toList();
    }

    private static int secondaryPort() {
        String notify = ConfigProvider.getConfig().getValue("relops.dns.transfer.notify", String.class);
        assertThat(notify, startsWith("127.0.0.1:"));
        return Integer.parseInt(notify.substring(notify.indexOf(':') + 1));
    }

    private static String secret() {
        return ConfigProvider.getConfig().getValue("relops.dns.tsig.relops-update.secret", String.class);
    }

    private Dig dig() {
        return Dig.at(serving.port());
    }
}
