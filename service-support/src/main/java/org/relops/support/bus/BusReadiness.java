package org.relops.support.bus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while connected to the bus. */
@Readiness
@ApplicationScoped
public class BusReadiness implements HealthCheck {

    @Inject
    BusConnection bus;

    @Override
    public HealthCheckResponse call() {
        boolean open = bus.isOpen();
        return HealthCheckResponse.named("bus")
                .status(open)
                .withData("error", open ? "" : String.valueOf(bus.lastError()))
                .build();
    }
}
