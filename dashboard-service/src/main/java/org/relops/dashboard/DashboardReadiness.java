package org.relops.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the dashboard follows the events and has read every service once: before that it shows too little. */
@Readiness
@ApplicationScoped
public class DashboardReadiness implements HealthCheck {

    @Inject
    EventFeed feed;

    @Inject
    Refresher refresher;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("dashboard").status(feed.consuming() && refresher.firstReadDone())
                .withData("followingEvents", feed.consuming())
                .withData("everyServiceRead", refresher.firstReadDone()).build();
    }
}
