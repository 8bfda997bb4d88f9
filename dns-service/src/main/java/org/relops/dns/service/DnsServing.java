package org.relops.dns.service;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.dns.config.DnsConfig;
import org.relops.dns.server.AddressMatcher;
import org.relops.dns.server.DnsResponder;
import org.relops.dns.server.DnsServer;
import org.relops.dns.server.NotifySender;
import org.relops.dns.server.ServedZones;
import org.relops.dns.server.ServerStats;
import org.relops.dns.server.TsigKeyring;
import org.relops.dns.zone.ZoneNames;
import org.relops.dns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the authoritative DNS server inside the service: loads the zones at start-up, serves them, and
 * swaps in each zone's new version as soon as a change commits here (then NOTIFYs the secondaries), or
 * within {@code refresh-interval} when another replica made it.
 */
@ApplicationScoped
public class DnsServing {

    private static final Logger LOG = Logger.getLogger(DnsServing.class);

    @Inject
    DnsConfig config;

    @Inject
    ZoneNames names;

    @Inject
    ZoneLoader loader;

    @Inject
    TsigKeyring keys;

    @Inject
    JournalReader journal;

    @Inject
    DynamicUpdates updater;

    @Inject
    MeterRegistry metrics;

    private final ServerStats stats = new ServerStats();
    private final ExecutorService updates = Executors.newSingleThreadExecutor(daemon("dns-update"));
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(daemon("dns-zone-refresh"));
    private ServedZones served;
    private NotifySender notifier;
    private DnsServer server;
    private volatile String startError;

    void onStart(@Observes @Priority(ZoneBootstrap.PRIORITY + 10) StartupEvent event) {
        DnsConfig.Server settings = config.server();
        if (!settings.enabled()) {
            LOG.info("the DNS server is disabled (relops.dns.server.enabled=false)");
            return;
        }
        served = new ServedZones(settings.responseCacheSize());
        names.all().forEach(this::reload);
        notifier = new NotifySender(NotifySender.parseTargets(config.transfer().notifyTargets().orElse(List.of())));
        DnsResponder responder = new DnsResponder(served, keys, AddressMatcher.of(config.transfer().allowed()), journal,
                updater, updates, settings.maxUdpPayload(), stats);
        try {
            server = DnsServer.start(new DnsServer.Settings(settings.host(), settings.port(), settings.udpThreads(),
                    settings.tcpConnections(), settings.tcpIdleTimeout()), responder);
        } catch (IOException e) {
            // Like the bus: the service keeps its events and API going, and readiness says what is wrong.
            startError = e.getMessage();
            LOG.errorf("the DNS server cannot start: %s (is the port taken? set relops.dns.server.port)", startError);
            return;
        }
        long interval = settings.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::followOtherReplicas, interval, interval, TimeUnit.MILLISECONDS);
        registerMetrics();
    }

    /** A change committed here: serve the new versions at once and tell the secondaries. */
    void onZonesChanged(@Observes ZonesChanged change) {
        if (served == null) {
            return;
        }
        Set<String> zones = change.zones();
        refresher.execute(() -> zones.forEach(zone -> reload(ZoneNames.absolute(zone))
                .ifPresent(notifier::notifySecondaries)));
    }

    private void followOtherReplicas() {
        try {
            for (Map.Entry<Name, Long> stored : loader.serials().entrySet()) {
                long servedSerial = served.zone(stored.getKey()).map(ZoneSnapshot::serial).orElse(-1L);
                if (servedSerial != stored.getValue()) {
                    reload(stored.getKey());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("checking the zones' serials failed (%s); still serving the last versions", e.getMessage());
        }
    }

    private Optional<ZoneSnapshot> reload(Name zone) {
        Optional<ZoneSnapshot> snapshot = loader.loadZone(zone);
        snapshot.ifPresent(served::serve);
        return snapshot;
    }

    private void registerMetrics() {
        FunctionCounter.builder("relops.dns.answers.cached", stats, ServerStats::cachedAnswers)
                .description("DNS answers sent from the response cache").register(metrics);
        FunctionCounter.builder("relops.dns.answers.truncated", stats, ServerStats::truncatedAnswers)
                .register(metrics);
        FunctionCounter.builder("relops.dns.packets.malformed", stats, ServerStats::malformedPackets)
                .register(metrics);
        FunctionCounter.builder("relops.dns.tsig.failures", stats, ServerStats::badSignatures).register(metrics);
        FunctionCounter.builder("relops.dns.transfers", stats, ServerStats::zoneTransfers).register(metrics);
        for (String rcode : List.of("NOERROR", "NXDOMAIN", "REFUSED", "FORMERR", "NOTAUTH", "NOTIMP",
                "SERVFAIL")) {
            FunctionCounter.builder("relops.dns.answers", stats,
                    s -> s.answeredByRcode().getOrDefault(rcode, 0L)).tag("rcode", rcode).register(metrics);
        }
    }

    /** The port the DNS server listens on; -1 when it is disabled. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    /** Why the DNS server is not listening, if it tried and failed. */
    public Optional<String> startError() {
        return Optional.ofNullable(startError);
    }

    /** The zone version being served now. */
    public Optional<ZoneSnapshot> servedZone(Name zone) {
        return served == null ? java.util.Optional.empty() : served.zone(zone);
    }

    void onStop(@Observes ShutdownEvent event) {
        refresher.shutdownNow();
        updates.shutdownNow();
        if (notifier != null) {
            notifier.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
