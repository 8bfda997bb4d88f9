package org.relops.inventory;

import java.time.OffsetDateTime;
import java.util.List;

import org.relops.model.value.Location;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A system as the API shows it. {@code nic} is absent for a system without one (a cloud slot), and
 * {@code reservation} while no machine holds it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SystemView(
        String name,
        Provider provider,
        Nic nic,
        Identity identity,
        String hardwareClass,
        Location location,
        String environment,
        List<Volume> volumes,
        SystemState state,
        OffsetDateTime stateSince,
        Reservation reservation) {

    public static SystemView of(InventorySystem system) {
        Reservation reservation = system.hasMachine()
                ? new Reservation(system.requestId, system.hostname, system.reservedAt) : null;
        return new SystemView(system.name, system.provider, system.nic(), system.identity(), system.hardwareClass,
                system.location(), system.environment, system.volumes, system.state, system.stateSince, reservation);
    }

    /** The machine a system is reserved for. */
    public record Reservation(String requestId, String hostname, OffsetDateTime since) {
    }
}
