package org.relops.dns.server;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relops.dns.ExternalCommand;
import org.relops.dns.ExternalCommand.Result;
import org.relops.dns.zone.RecordData;
import org.relops.dns.zone.ZoneApex;
import org.relops.dns.zone.ZoneFile;
import org.relops.dns.zone.ZoneNames;
import org.relops.dns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Isolation by DNS scoping, not split horizon: two RelOps environments, staging and production, each with
 * its own DNS server and zone, side by side behind one resolver (a BIND that delegates each zone to its
 * environment's server, as the organisation's DNS would). Two "machines" that differ only in their
 * resolv.conf search path resolve the unqualified {@code puppet} to their own environment's puppet, through
 * glibc ({@code getent hosts}), the JDK ({@code InetAddress}) and dnsjava. Everything runs in a private
 * network and mount namespace, on port 53, without touching this machine's resolver.
 */
class DnsScopingIsolationTest {

    private static final String STAGING = "staging.relops.example";
    private static final String PRODUCTION = "production.relops.example";
    private static final String STAGING_PUPPET = "10.10.1.5";
    private static final String PRODUCTION_PUPPET = "10.20.1.5";

    private static Path directory;

    @BeforeAll
    static void requireNamespaces() throws IOException {
        Result id = ExternalCommand.run(Duration.ofSeconds(10), "id", "-u");
        assumeTrue(id.out().trim().equals("0"), "skipped: network and mount namespaces need root (run the tests as "
                + "root, as ./relops test does)");
        Result unshare = ExternalCommand.run(Duration.ofSeconds(10), "unshare", "--net", "--mount", "--fork", "true");
        assumeTrue(unshare.exitCode() == 0, "skipped: this system cannot create namespaces (" + unshare.err().trim()
                + ")");
        ExternalCommand.requireTool("named");
        ExternalCommand.requireTool("dig");
        directory = Files.createTempDirectory(Path.of("target"), "dns-scoping-").toAbsolutePath();
    }

    @Test
    void shouldResolveUnqualifiedPuppetToEachEnvironmentsOwnPuppet() throws IOException {
        Files.writeString(directory.resolve("staging.zone"), zone(STAGING, "127.0.0.11",
                Map.of("puppet", "CNAME bm-puppet01." + STAGING + ".", "bm-puppet01", "A " + STAGING_PUPPET,
                        "slavealloc", "A 10.10.1.84")));
        Files.writeString(directory.resolve("production.zone"), zone(PRODUCTION, "127.0.0.12",
                Map.of("puppet", "CNAME bm-puppet01." + PRODUCTION + ".", "bm-puppet01", "A " + PRODUCTION_PUPPET,
                        "slavealloc", "A 10.20.1.84")));
        Files.writeString(directory.resolve("resolv-staging.conf"), resolvConf(STAGING));
        Files.writeString(directory.resolve("resolv-production.conf"), resolvConf(PRODUCTION));
        Files.writeString(directory.resolve("named.conf"), organisationResolver());
        Files.createDirectories(directory.resolve("named"));
        Files.writeString(directory.resolve("in-namespace.sh"), namespaceScript());

        Result run = ExternalCommand.run(Duration.ofSeconds(150), "unshare", "--net", "--mount", "--fork",
                "bash", directory.resolve("in-namespace.sh").toString());

        Files.writeString(directory.resolve("output.txt"), run.all());
        List<String> lines = run.out().lines().toList();
        assertThat(run.all(), lines, hasItem(startsWith("staging getent " + STAGING_PUPPET + " ")));
        assertThat(run.all(), lines, hasItem(startsWith("production getent " + PRODUCTION_PUPPET + " ")));
        assertThat(run.all(), lines, hasItem("staging java-inet " + STAGING_PUPPET));
        assertThat(run.all(), lines, hasItem("production java-inet " + PRODUCTION_PUPPET));
        assertThat(run.all(), lines, hasItem("staging dnsjava " + STAGING_PUPPET + " bm-puppet01." + STAGING + "."));
        assertThat(run.all(), lines,
                hasItem("production dnsjava " + PRODUCTION_PUPPET + " bm-puppet01." + PRODUCTION + "."));
    }

    /** An environment's zone as dns-service exports it: apex from the same code, then the given records. */
    private static String zone(String zone, String nameServerAddress, Map<String, String> records) {
        ZoneNames names = new ZoneNames(zone, List.of());
        ZoneApex apex = new ZoneApex(names, new ZoneApex.Settings(List.of("ns1"), Map.of("ns1", nameServerAddress),
                "hostmaster", 300, 3600, 600, 1_209_600, 60));
        Name origin = names.forward();
        List<Record> all = new ArrayList<>(apex.apexRecords(origin));
        records.forEach((name, typeAndData) -> {
            String[] parts = typeAndData.split(" ", 2);
            all.add(new RecordData(ZoneNames.text(names.resolve(name)), parts[0], 300, parts[1]).toRecord());
        });
        return ZoneFile.write(ZoneSnapshot.of(apex.soa(origin, 1), all));
    }

    private static String resolvConf(String domain) {
        return "search " + domain + "\nnameserver 127.0.0.1\noptions timeout:2 attempts:3\n";
    }

    /** The organisation's DNS: a resolver that delegates each environment's zone to that environment's server. */
    private static String organisationResolver() {
        return """
                options {
                    directory "%1$s/named";
                    listen-on port 53 { 127.0.0.1; };
                    listen-on-v6 { none; };
                    pid-file "%1$s/named/named.pid";
                    session-keyfile "%1$s/named/session.key";
                    recursion yes;
                    allow-recursion { 127.0.0.0/8; };
                    dnssec-validation no;
                };
                controls { };
                zone "%2$s" { type static-stub; server-addresses { 127.0.0.11; }; };
                zone "%3$s" { type static-stub; server-addresses { 127.0.0.12; }; };
                """.formatted(directory, STAGING, PRODUCTION);
    }

    private static String namespaceScript() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .replace(" ", File.pathSeparator);
        String server = "\"$JAVA\" -cp \"$CP\" " + StandaloneDnsServer.class.getName();
        return """
                set -u
                cd '%1$s'
                JAVA='%2$s'
                CP='%3$s'
                ip link set lo up
                %4$s --listen 127.0.0.11:53 --zone %5$s=staging.zone > staging-server.log 2>&1 &
                %4$s --listen 127.0.0.12:53 --zone %6$s=production.zone > production-server.log 2>&1 &
                named -g -4 -n 1 -c '%1$s/named.conf' > named.log 2>&1 &
                ready() {
                    dig @127.0.0.11 +time=1 +tries=1 +short %5$s SOA | grep -q . &&
                    dig @127.0.0.12 +time=1 +tries=1 +short %6$s SOA | grep -q . &&
                    dig @127.0.0.1 +time=1 +tries=1 +short %6$s SOA | grep -q .
                }
                for attempt in $(seq 1 200); do ready && break; sleep 0.2; done
                ready || { echo "servers did not come up"; cat staging-server.log production-server.log named.log; }
                for environment in staging production; do
                    unshare --mount bash -c "mount --bind '%1$s/resolv-$environment.conf' /etc/resolv.conf &&
                        echo \\"$environment getent \\$(getent hosts puppet)\\" &&
                        \\"$JAVA\\" -cp \\"$CP\\" %7$s puppet $environment"
                done
                kill $(jobs -p)
                wait
                """.formatted(directory, java, classpath, server, STAGING, PRODUCTION, ResolverProbe.class.getName());
    }
}
