package org.relops.model.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which services consume each event type: the bus topology every service declares at start (each consumer's
 * event queue {@code <service>.events}, bound to the types it consumes), so that no event is published before
 * the queues it must reach exist. A service refuses to start when the types its handlers take differ from what
 * this says of it. A type no service consumes (dashboards and operators' tools read it) is published without
 * {@code mandatory}.
 */
public final class EventConsumers {

    public static final String REQUEST = "request-service";
    public static final String INVENTORY = "inventory-service";
    public static final String IMAGING = "imaging-service";
    public static final String DNS = "dns-service";
    public static final String SLAVEALLOC = "slavealloc-service";

    private static final Map<Class<? extends RelopsEvent>, List<String>> CONSUMERS = new LinkedHashMap<>();

    static {
        consumed(RequestSubmitted.class, REQUEST, INVENTORY);
        consumed(HostReserved.class, REQUEST, IMAGING);
        consumed(RequestUnplaceable.class, REQUEST);
        consumed(MachineProvisioning.class, REQUEST, INVENTORY);
        consumed(MachineBooted.class, REQUEST, INVENTORY, DNS, SLAVEALLOC);
        consumed(MachineFailed.class, REQUEST, INVENTORY);
        consumed(MachineReady.class, INVENTORY);
        consumed(DnsRecordPublished.class, REQUEST);
        consumed(DnsRecordRemoved.class, REQUEST);
        consumed(SlaveAllocated.class, REQUEST);
        consumed(SlaveConnected.class, REQUEST);
        consumed(SlaveReleased.class, REQUEST);
        consumed(MasterEnabled.class, REQUEST);
        consumed(HostReleased.class, REQUEST);
        consumed(DecommissionRequested.class, INVENTORY, IMAGING, DNS, SLAVEALLOC);
        consumed(MachineDestroyed.class, INVENTORY);
        consumed(MachineReplacementRequested.class, INVENTORY);
    }

    private EventConsumers() {
    }

    private static void consumed(Class<? extends RelopsEvent> type, String... services) {
        CONSUMERS.put(type, List.of(services));
    }

    /** The services that consume an event type (empty: none does). */
    public static List<String> of(String type) {
        return EventCatalog.classFor(type).map(event -> CONSUMERS.getOrDefault(event, List.of())).orElse(List.of());
    }

    /** The event types a service consumes: its event queue's bindings. */
    public static Set<String> consumedBy(String service) {
        Set<String> types = new TreeSet<>();
        CONSUMERS.forEach((type, services) -> {
            if (services.contains(service)) {
                types.add(EventCatalog.typeOf(type));
            }
        });
        return types;
    }

    /** Every consuming service's event types, by service. */
    public static Map<String, Set<String>> byService() {
        Map<String, Set<String>> all = new LinkedHashMap<>();
        CONSUMERS.values().stream().flatMap(List::stream).distinct()
                .forEach(service -> all.put(service, consumedBy(service)));
        return all;
    }
}
