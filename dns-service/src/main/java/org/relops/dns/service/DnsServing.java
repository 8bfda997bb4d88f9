package org.relops.dns.service;

import java.util.ArrayList;
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
import org.relops.dns.server.ListenAddress;
import org.relops.dns.server.ListenerBinding;
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
 * Runs the authoritative DNS server inside the service: loads the zones at start-up, serves them on the
 * main listener and every machine listener alike (binding again later those that cannot bind yet), and
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
    private final ScheduledExecutorService refresher =
            Executors.newSingleThreadScheduledExecutor(daemon("dns-zone-refresh"));
    private final ScheduledExecutorService binder =
            Executors.newSingleThreadScheduledExecutor(daemon("dns-listener-retry"));
    private ServedZones served;
    private NotifySender notifier;
    private volatile List<ListenerBinding> listeners = List.of();
    /** The zones whose reload is queued on the refresher and has not started yet. */
    private final Set<String> reloadsQueued = java.util.concurrent.ConcurrentHashMap.newKeySet();

    void onStart(@Observes @Priority(ZoneBootstrap.PRIORITY + 10) StartupEvent event) {
        DnsConfig.Server settings = config.server();
        if (!settings.enabled()) {
            LOG.info("the DNS server is disabled (relops.dns.server.enabled=false)");
            return;
        }
        List<ListenerBinding> bindings = listenerBindings(settings);
        served = new ServedZones(settings.responseCacheSize());
        names.all().forEach(this::reload);
        notifier = new NotifySender(NotifySender.parseTargets(config.transfer().notifyTargets().orElse(List.of())));
        DnsResponder responder = new DnsResponder(served, keys, AddressMatcher.of(config.transfer().allowed()), journal,
                updater, updates, settings.maxUdpPayload(), stats);
        // Like the bus: a listener that cannot bind leaves events and the API going, readiness says why, and
        // binding is tried again (the address may only appear when its network is created).
        listeners = bindings;
        bindMissing(responder);
        long retry = settings.listenerRetryInterval().toMillis();
        binder.scheduleWithFixedDelay(() -> bindMissing(responder), retry, retry, TimeUnit.MILLISECONDS);
        long interval = settings.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::followOtherReplicas, interval, interval, TimeUnit.MILLISECONDS);
        registerMetrics();
    }

    /** The main listener first, then one per machine listener; a malformed entry stops the start-up. */
    private static List<ListenerBinding> listenerBindings(DnsConfig.Server settings) {
        List<ListenerBinding> bindings = new ArrayList<>();
        bindings.add(new ListenerBinding("listener " + settings.host() + ":" + settings.port(),
                serverSettings(settings, settings.host(), settings.port()),
                "is the port taken? set relops.dns.server.port", settings.listenerRetryInterval()));
        for (String entry : settings.machineListeners().orElse(List.of())) {
            ListenAddress address;
            try {
                address = ListenAddress.parse(entry);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("relops.dns.server.machine-listeners: " + e.getMessage(), e);
            }
            String name = "machine listener " + address;
            if (bindings.stream().anyMatch(binding -> binding.name().equals(name))) {
                throw new IllegalArgumentException("relops.dns.server.machine-listeners: " + address
                        + " is listed twice");
            }
            bindings.add(new ListenerBinding(name, serverSettings(settings, address.host(), address.port()),
                    "is the address on this host yet? port 53 needs root or CAP_NET_BIND_SERVICE",
                    settings.listenerRetryInterval()));
        }
        return List.copyOf(bindings);
    }

    private static DnsServer.Settings serverSettings(DnsConfig.Server settings, String host, int port) {
        return new DnsServer.Settings(host, port, settings.udpThreads(), settings.tcpConnections(),
                settings.tcpIdleTimeout());
    }

    private void bindMissing(DnsResponder responder) {
        for (ListenerBinding listener : listeners) {
            try {
                listener.bind(responder);
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s: binding failed unexpectedly; trying again", listener.name());
            }
        }
    }

    /**
     * A change committed here: serve the new versions at once and tell the secondaries. A zone's reload reads the
     * whole zone, so it is queued once: changes that commit while it waits to start are read by it too (it starts
     * after they committed), and a burst of N record changes costs a few reloads instead of N.
     */
    void onZonesChanged(@Observes ZonesChanged change) {
        if (served == null) {
            return;
        }
        for (String zone : change.zones()) {
            if (reloadsQueued.add(zone)) {
                refresher.execute(() -> {
                    // taken off before the zone is read: a change committing from now on queues a reload of its own
                    reloadsQueued.remove(zone);
                    reload(ZoneNames.absolute(zone)).ifPresent(notifier::notifySecondaries);
                });
            }
        }
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

    /** The port the main listener listens on; -1 when it does not (disabled, or not bound). */
    public int port() {
        return listeners.isEmpty() ? -1 : listeners.get(0).port();
    }

    /** Every address the server must listen on, the main listener first, and whether it does. */
    public List<ListenerBinding> listeners() {
        return listeners;
    }

    /** The zone version being served now. */
    public Optional<ZoneSnapshot> servedZone(Name zone) {
        return served == null ? Optional.empty() : served.zone(zone);
    }

    void onStop(@Observes ShutdownEvent event) {
        binder.shutdownNow();
        refresher.shutdownNow();
        updates.shutdownNow();
        if (notifier != null) {
            notifier.close();
        }
        listeners.forEach(ListenerBinding::close);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
