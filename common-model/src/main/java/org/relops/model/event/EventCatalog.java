package org.relops.model.event;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every event type relops knows, by its type name. The single list a new event record is added to. */
public final class EventCatalog {

    private static final List<Class<? extends RelopsEvent>> EVENTS = List.of(
            RequestSubmitted.class,
            RequestRejected.class,
            RequestUnplaceable.class,
            HostReserved.class,
            MachineProvisioning.class,
            MachineBooted.class,
            MachineFailed.class,
            DnsRecordPublished.class,
            DnsRecordRemoved.class,
            DnsZoneChanged.class,
            SlaveAllocated.class,
            SlaveReleased.class,
            SlaveDetached.class,
            SlaveConnected.class,
            MasterEnabled.class,
            MasterDisabled.class,
            MachineReady.class,
            RequestFulfilled.class,
            RequestFailed.class,
            DecommissionRequested.class,
            MachineDestroyed.class,
            HostReleased.class,
            SystemStateChanged.class,
            MachineDecommissioned.class,
            RequestDecommissioned.class,
            MachineReplacementRequested.class,
            ImageVersionSuspect.class,
            RequestStuck.class,
            MachineRefreshStarted.class,
            MachineRefreshed.class,
            RolloutStarted.class,
            RolloutAdvanced.class,
            RolloutHalted.class,
            RolloutCompleted.class);

    private static final Map<String, Class<? extends RelopsEvent>> BY_TYPE = new LinkedHashMap<>();

    static {
        for (Class<? extends RelopsEvent> event : EVENTS) {
            BY_TYPE.put(typeOf(event), event);
        }
    }

    private EventCatalog() {
    }

    public static Optional<Class<? extends RelopsEvent>> classFor(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Collection<Class<? extends RelopsEvent>> all() {
        return EVENTS;
    }

    public static String typeOf(Class<? extends RelopsEvent> event) {
        return annotation(event).value();
    }

    public static String versionOf(Class<? extends RelopsEvent> event) {
        return annotation(event).version();
    }

    private static EventType annotation(Class<? extends RelopsEvent> event) {
        EventType type = event.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(event.getName() + " has no @EventType");
        }
        return type;
    }
}
