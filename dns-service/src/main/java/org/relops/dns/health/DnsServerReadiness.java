package org.relops.dns.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.relops.dns.config.DnsConfig;
import org.relops.dns.service.DnsServing;
import org.relops.dns.zone.ZoneNames;

/** Ready while the DNS server listens and serves every zone of the environment; says each zone's serial. */
@Readiness
@ApplicationScoped
public class DnsServerReadiness implements HealthCheck {

    @Inject
    DnsConfig config;

    @Inject
    DnsServing serving;

    @Inject
    ZoneNames names;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("dns-server");
        if (!config.server().enabled()) {
            return response.up().withData("server", "disabled").build();
        }
        boolean serving = this.serving.port() > 0;
        response.withData("port", this.serving.port());
        this.serving.startError().ifPresent(error -> response.withData("error", error));
        for (var zone : names.all()) {
            var served = this.serving.servedZone(zone);
            serving &= served.isPresent();
            response.withData(ZoneNames.fqdn(zone), served.map(z -> "serial " + z.serial()).orElse("not served"));
        }
        return response.status(serving).build();
    }
}
