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
    REQUESTS("requests", DashboardConfig.Services::request, "/v1/requests", Answer.PAGES, List.of("request.",
            "machine.", "host.", "slave.", "dns.record.")),
    IMAGE_HEALTH("imageHealth", DashboardConfig.Services::request, "/v1/image-health", Answer.PAGES,
            List.of("image.", "machine.")),
    SYSTEMS("systems", DashboardConfig.Services::inventory, "/v1/systems", Answer.PAGES, List.of("system.", "host.",
            "machine.")),
    IMAGES("images", DashboardConfig.Services::imaging, "/v1/images", Answer.PAGES, List.of("image.")),
    ROLLOUTS("rollouts", DashboardConfig.Services::imaging, "/v1/rollouts", Answer.PAGES, List.of("rollout.")),
    SILOS("silos", DashboardConfig.Services::slavealloc, "/api/silos", Answer.ARRAY, List.of("slave.", "master."));

    /** How a source's service answers its list. */
    enum Answer {
        /** The list envelope of every /v1 list ({@code items}, {@code total}, {@code page}, {@code size}). */
        PAGES,
        /** A bare array: slavealloc's compatibility surface answers as Mozilla's slavealloc did. */
        ARRAY
    }

    /** Its field in the snapshot the browser gets. */
    final String field;
    final Function<DashboardConfig.Services, String> service;
    final String path;
    final Answer answer;
    private final List<String> touchedBy;

    Source(String field, Function<DashboardConfig.Services, String> service, String path, Answer answer,
            List<String> touchedBy) {
        this.field = field;
        this.service = service;
        this.path = path;
        this.answer = answer;
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
