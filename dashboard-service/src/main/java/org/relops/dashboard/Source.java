package org.relops.dashboard;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One read of the environment the dashboard keeps: which service owns it, where it is read, and which events
 * can change it. The dashboard never reads a service's tables: only what its API shows a viewer.
 */
enum Source {
    REQUESTS("requests", DashboardConfig.Services::request, "/v1/requests", List.of("request.", "machine.", "host.",
            "slave.", "dns.record.")),
    IMAGE_HEALTH("imageHealth", DashboardConfig.Services::request, "/v1/image-health", List.of("image.", "machine.")),
    SYSTEMS("systems", DashboardConfig.Services::inventory, "/v1/systems", List.of("system.", "host.", "machine.")),
    IMAGES("images", DashboardConfig.Services::imaging, "/v1/images", List.of("image.")),
    ROLLOUTS("rollouts", DashboardConfig.Services::imaging, "/v1/rollouts", List.of("rollout.")),
    SILOS("silos", DashboardConfig.Services::slavealloc, "/api/silos", List.of("slave.", "master."));

    /** Its field in the snapshot the browser gets. */
    final String field;
    final Function<DashboardConfig.Services, String> service;
    final String path;
    private final List<String> touchedBy;

    Source(String field, Function<DashboardConfig.Services, String> service, String path, List<String> touchedBy) {
        this.field = field;
        this.service = service;
        this.path = path;
        this.touchedBy = touchedBy;
    }

    /** The sources an event of this type can change. */
    static Set<Source> touchedBy(String eventType) {
        Set<Source> touched = EnumSet.noneOf(Source.class);
        for (Source source : values()) {
            if (source.touchedBy.stream().anyMatch(eventType::startsWith)) {
                touched.add(source);
            }
        }
        return touched;
    }
}
