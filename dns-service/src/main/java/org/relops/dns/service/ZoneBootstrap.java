package org.relops.dns.service;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.dns.zone.ZoneNames;
import org.xbill.DNS.Name;

import io.quarkus.runtime.StartupEvent;

/**
 * Makes sure every configured zone has its row (and so a serial) before anything serves or changes it.
 * Safe when several replicas start at once.
 */
@ApplicationScoped
public class ZoneBootstrap {

    /** Runs before the DNS server starts. */
    public static final int PRIORITY = 10;

    private static final Logger LOG = Logger.getLogger(ZoneBootstrap.class);

    @Inject
    ZoneNames names;

    @Inject
    EntityManager entityManager;

    @Transactional
    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
        long serial = System.currentTimeMillis() / 1000;
        for (Name zone : names.all()) {
            int created = entityManager.createNativeQuery("""
                    insert into dns_zone (name, serial) values (:name, :serial) on conflict do nothing""")
                    .setParameter("name", ZoneNames.text(zone))
                    .setParameter("serial", serial)
                    .executeUpdate();
            if (created == 1) {
                LOG.infof("zone %s created with serial %d", ZoneNames.fqdn(zone), serial);
            }
        }
    }
}
