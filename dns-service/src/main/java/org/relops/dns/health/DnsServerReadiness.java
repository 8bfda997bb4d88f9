package org.relops.dns.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.relops.dns.config.DnsConfig;
import org.relops.dns.server.ListenerBinding;
import org.relops.dns.service.DnsServing;
import org.relops.dns.zone.ZoneNames;

/**
 * Ready while the DNS server listens on every configured address (the main listener and each machine
 * listener) and serves every zone of the environment; says why a listener is not listening, and each
 * zone's serial.
 */
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
        boolean ready = !serving.listeners().isEmpty();
        response.withData("port", serving.port());
        for (ListenerBinding listener : serving.listeners()) {
            ready &= listener.listening();
            response.withData(listener.name(), listener.state());
        }
        for (var zone : names.all()) {
            var served = serving.servedZone(zone);
            ready &= served.isPresent();
            response.withData(ZoneNames.fqdn(zone), served.map(z -> "serial " + z.serial()).orElse("not served"));
        }
        return response.status(ready).build();
    }
}
