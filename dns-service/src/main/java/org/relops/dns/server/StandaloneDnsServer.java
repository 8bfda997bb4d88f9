package org.relops.dns.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.relops.dns.zone.ZoneFile;
import org.relops.dns.zone.ZoneNames;
import org.relops.dns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/**
 * The same DNS server, without the service around it: serves zones read from master files (for example
 * ones exported from {@code /v1/zone/export}) until it is stopped. No database, no bus, no updates; zone
 * transfers to the allowed networks, IXFR answered with the whole zone.
 *
 * <pre>
 * java -cp ... org.relops.dns.server.StandaloneDnsServer --listen 127.0.0.1:5353 \
 *     --zone staging.relops.example=staging.zone [--zone ...] [--transfer-allowed 127.0.0.0/8] [--udp-threads 2]
 * </pre>
 */
public final class StandaloneDnsServer {

    private StandaloneDnsServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String listen = "127.0.0.1:5353";
        String allowed = "127.0.0.0/8,::1/128";
        int udpThreads = 2;
        List<ZoneSnapshot> zones = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : usage("missing value after " + args[i]);
            switch (args[i]) {
                case "--listen" -> listen = value;
                case "--zone" -> zones.add(readZone(value));
                case "--transfer-allowed" -> allowed = value;
                case "--udp-threads" -> udpThreads = Integer.parseInt(value);
                default -> usage("unknown option " + args[i]);
            }
            i++;
        }
        if (zones.isEmpty()) {
            usage("give at least one --zone");
        }
        ServedZones served = new ServedZones(20_000);
        zones.forEach(served::serve);
        DnsResponder responder = new DnsResponder(served, TsigKeyring.empty(),
                AddressMatcher.of(List.of(allowed.split(","))), ZoneJournal.NONE, null,
                Executors.newSingleThreadExecutor(), 1232, new ServerStats());
        int colon = listen.lastIndexOf(':');
        DnsServer server = DnsServer.start(new DnsServer.Settings(listen.substring(0, colon),
                Integer.parseInt(listen.substring(colon + 1)), udpThreads, 64, Duration.ofSeconds(10)), responder);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        for (ZoneSnapshot zone : zones) {
            System.out.println("serving " + ZoneNames.fqdn(zone.origin()) + " serial " + zone.serial());
        }
        System.out.println("listening on " + listen.substring(0, colon) + " port " + server.port());
        System.out.flush();
        stopped.await();
    }

    private static ZoneSnapshot readZone(String spec) throws IOException {
        int equals = spec.indexOf('=');
        if (equals < 0) {
            usage("--zone wants ORIGIN=FILE, got " + spec);
        }
        Name origin = ZoneNames.absolute(spec.substring(0, equals));
        return ZoneFile.read(origin, Files.readString(Path.of(spec.substring(equals + 1))));
    }

    private static String usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: StandaloneDnsServer --listen HOST:PORT --zone ORIGIN=FILE [--zone ...]"
                + " [--transfer-allowed CIDR,...] [--udp-threads N]");
        System.exit(2);
        return null;
    }
}
