package org.relops.dns.service;

import java.net.Inet4Address;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.dns.DnsRecord;
import org.relops.dns.config.DnsConfig;
import org.relops.dns.config.ServiceNames;
import org.relops.dns.zone.RecordData;
import org.relops.dns.zone.ZoneNames;
import org.relops.model.value.Hostname;
import org.xbill.DNS.Name;

import io.quarkus.runtime.StartupEvent;

/**
 * The records of the configured service names: {@code <name>.<zone>} A, and its PTR when a reverse zone
 * covers the address, owned by {@code service:<name>}. At start-up the stored set becomes exactly the
 * configured one, as one change of the zones (nothing at all when it is already so).
 */
@ApplicationScoped
public class ServiceNameRecords {

    /** After the zones exist, before the DNS server loads them. */
    public static final int PRIORITY = ZoneBootstrap.PRIORITY + 5;

    private static final Logger LOG = Logger.getLogger(ServiceNameRecords.class);

    @Inject
    ZoneNames names;

    @Inject
    ZoneWriter writer;

    @Inject
    DnsConfig config;

    @Inject
    ServiceNames configured;

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
        Map<String, Long> serials = replaceWith(configured);
        if (serials.isEmpty()) {
            LOG.infof("service names unchanged: %s", describe(configured));
        } else {
            LOG.infof("service names now %s (zone serials %s)", describe(configured), serials);
        }
    }

    /** Makes the stored service records exactly these names' records; returns the serials of the zones changed. */
    @Transactional
    public Map<String, Long> replaceWith(ServiceNames services) {
        ZoneEdit edit = writer.begin();
        Map<RecordData, String> wanted = wantedRecords(services);
        services.addresses().keySet().forEach(name -> takeName(name, wanted, edit));
        for (DnsRecord row : DnsRecord.<DnsRecord>list("owner like ?1", RecordOwner.servicePattern())) {
            if (!row.owner.equals(wanted.get(row.record()))) {
                edit.remove(row);
            }
        }
        wanted.forEach(edit::add);
        return writer.commit(edit, ChangeCause.of("service names from configuration: " + describe(services)));
    }

    /** The service names in the zone, as stored. */
    @Transactional
    public List<ServiceName> listServiceNames() {
        return DnsRecord.<DnsRecord>list("owner like ?1 and type = 'A' order by name", RecordOwner.servicePattern())
                .stream().map(row -> new ServiceName(RecordOwner.nameOf(row.owner),
                        ZoneNames.fqdn(ZoneNames.absolute(row.name)), row.data)).toList();
    }

    private Map<RecordData, String> wantedRecords(ServiceNames services) {
        Map<RecordData, String> wanted = new LinkedHashMap<>();
        services.addresses().forEach((name, address) -> {
            String owner = RecordOwner.service(name.value());
            Name fqdn = names.inForwardZone(name);
            wanted.put(addressRecord(fqdn, address), owner);
            names.reverseNameOf(address).ifPresent(reverse -> wanted.put(
                    new RecordData(ZoneNames.text(reverse), "PTR", config.ttl(), ZoneNames.text(fqdn)), owner));
        });
        return wanted;
    }

    private RecordData addressRecord(Name fqdn, Inet4Address address) {
        return new RecordData(ZoneNames.text(fqdn), "A", config.ttl(), address.getHostAddress()).canonical();
    }

    /**
     * Configuration wins a name from whoever holds it: a machine or alias of that name loses all its
     * records, other records at the name go; a record the service name wants anyway just changes owner.
     */
    private void takeName(Hostname name, Map<RecordData, String> wanted, ZoneEdit edit) {
        String owner = RecordOwner.service(name.value());
        Name fqdn = names.inForwardZone(name);
        List<DnsRecord> atName = DnsRecord.listByName(ZoneNames.text(fqdn));
        Set<String> holders = atName.stream().map(row -> row.owner).filter(other -> !other.equals(owner))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String holder : holders) {
            LOG.warnf("%s is a service name (relops.dns.zone.service-names); the records of %s are removed",
                    ZoneNames.fqdn(fqdn), holder);
            List<DnsRecord> rows = RecordOwner.isMachine(holder) || RecordOwner.isAlias(holder)
                    ? DnsRecord.listByOwner(holder)
                    : atName.stream().filter(row -> row.owner.equals(holder)).toList();
            for (DnsRecord row : rows) {
                String wantedBy = wanted.get(row.record());
                if (wantedBy == null) {
                    edit.remove(row);
                } else {
                    row.owner = wantedBy;
                }
            }
        }
    }

    private static String describe(ServiceNames services) {
        if (services.addresses().isEmpty()) {
            return "none";
        }
        return services.addresses().entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue().getHostAddress())
                .collect(Collectors.joining(", "));
    }
}
