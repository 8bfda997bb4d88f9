package org.relops.dns.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.relops.dns.zone.ZoneApex;
import org.relops.dns.zone.ZoneNames;

/**
 * Makes the environment's zone names, zone apex and service names from {@link DnsConfig}, checked once at
 * start-up.
 */
@ApplicationScoped
public class ZoneSetup {

    @Produces
    @Singleton
    ZoneNames zoneNames(DnsConfig config) {
        return new ZoneNames(config.zone(), config.reverseZones());
    }

    @Produces
    @Singleton
    ZoneApex zoneApex(DnsConfig config, ZoneNames names) {
        DnsConfig.Soa soa = config.soa();
        return new ZoneApex(names, new ZoneApex.Settings(config.nameServers(), config.glue(), soa.hostmaster(),
                config.ttl(), soa.refresh(), soa.retry(), soa.expire(), soa.minimum()));
    }

    @Produces
    @Singleton
    ServiceNames serviceNames(DnsConfig config) {
        return ServiceNames.of(config.serviceNames());
    }
}
