package org.relops.request.metrics;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.request.ImageVersionHealth;
import org.relops.request.ProvisioningRequest;
import org.relops.request.RequestState;
import org.relops.request.config.RequestConfig;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * request-service's domain gauges, read every {@code relops.metrics.backlog-interval}: requests by state, requests
 * stuck (unfinished past {@code relops.requests.stuck-after} in their state), and image versions suspect (whose
 * machines are no longer replaced). The alert rules in deploy/prometheus read them.
 */
@ApplicationScoped
public class RequestMetrics {

    private static final Logger LOG = Logger.getLogger(RequestMetrics.class);
    private static final List<RequestState> UNFINISHED = List.of(RequestState.SUBMITTED, RequestState.PLACING,
            RequestState.PROVISIONING, RequestState.DECOMMISSIONING);

    @Inject
    MeterRegistry registry;

    @Inject
    RequestConfig config;

    private final Map<RequestState, AtomicLong> byState = new EnumMap<>(RequestState.class);
    private final AtomicLong stuck = new AtomicLong();
    private final AtomicLong suspectVersions = new AtomicLong();

    void register(@Observes StartupEvent started) {
        for (RequestState state : RequestState.values()) {
            AtomicLong count = new AtomicLong();
            byState.put(state, count);
            Gauge.builder("relops.requests", count, AtomicLong::get).tags(Tags.of("state", state.name()))
                    .description("requests in each state").register(registry);
        }
        Gauge.builder("relops.requests.stuck", stuck, AtomicLong::get)
                .description("unfinished requests past relops.requests.stuck-after in their state").register(registry);
        Gauge.builder("relops.image.versions.suspect", suspectVersions, AtomicLong::get)
                .description("image versions whose machines are no longer replaced").register(registry);
    }

    @Scheduled(every = "${relops.metrics.backlog-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void read() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Map<RequestState, Long> counts = new EnumMap<>(RequestState.class);
                ProvisioningRequest.getEntityManager()
                        .createQuery("select r.state, count(r) from ProvisioningRequest r group by r.state", Object[].class)
                        .getResultList().forEach(row -> counts.put((RequestState) row[0], (Long) row[1]));
                byState.forEach((state, count) -> count.set(counts.getOrDefault(state, 0L)));
                stuck.set(ProvisioningRequest.count("state in ?1 and stateChangedAt < ?2", UNFINISHED,
                        OffsetDateTime.now(ZoneOffset.UTC).minus(config.stuckAfter())));
                suspectVersions.set(ImageVersionHealth.count("suspect", true));
            });
        } catch (RuntimeException e) {
            LOG.debugf("request gauges not read: %s", e.getMessage());
        }
    }
}
