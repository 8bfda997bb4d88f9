package org.relops.inventory.file;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.relops.inventory.Identity;
import org.relops.inventory.InventorySystem;
import org.relops.inventory.Nic;
import org.relops.inventory.SystemState;
import org.relops.inventory.Volume;
import org.relops.model.value.Location;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One system as the inventory file describes it. {@code nic} is its boot NIC (a cloud slot may have
 * none); {@code state} is the administrative state only: {@code free} (the default: in service),
 * {@code quarantined} or {@code retired}; what runs on a system is the request flow's business, never
 * the file's.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "name", "provider", "nic", "identity", "hardwareClass", "location", "environment", "volumes",
    "state" })
public record SystemSpec(
        String name,
        String provider,
        Nic nic,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Identity.EmptyFilter.class)
        Identity identity,
        String hardwareClass,
        Location location,
        String environment,
        List<Volume> volumes,
        String state) {

    public SystemSpec {
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        identity = identity == null ? Identity.NONE : identity;
    }

    /** The administrative state this spec asks for; {@code free} when none is given. */
    public SystemState adminState() {
        return state == null ? SystemState.FREE : SystemState.fromLabel(state).orElseThrow();
    }

    public SystemSpec withNic(Nic nic) {
        return new SystemSpec(name, provider, nic, identity, hardwareClass, location, environment, volumes, state);
    }

    /** How a stored system reads in the file. */
    public static SystemSpec of(InventorySystem system) {
        String state = switch (system.state) {
            case QUARANTINED, RETIRED -> system.state.label();
            default -> null;
        };
        return new SystemSpec(system.name, system.provider.label(), system.nic(), system.identity(),
                system.hardwareClass, system.location(), system.environment, system.volumes, state);
    }

    /** Every field by its dotted path, for comparing two specs field by field. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("provider", provider);
        fields.put("nic.mac", nic == null ? null : nic.mac());
        fields.put("nic.segment", nic == null ? null : nic.segment());
        fields.put("nic.address", nic == null ? null : nic.address());
        fields.put("identity.bmcAddress", identity.bmcAddress());
        fields.put("identity.libvirtUri", identity.libvirtUri());
        fields.put("identity.instanceId", identity.instanceId());
        fields.put("identity.region", identity.region());
        fields.put("identity.secretRef", identity.secretRef());
        fields.put("hardwareClass", hardwareClass);
        fields.put("location", location == null ? null : location.toString());
        fields.put("environment", environment);
        fields.put("volumes", volumes.isEmpty() ? null : volumes.stream()
                .map(volume -> volume.name() + ":" + volume.sizeGb() + "GB").toList().toString());
        fields.put("state", adminState().label());
        return fields;
    }

    /** The fields whose values differ from another spec's. */
    public List<FieldChange> changesTo(SystemSpec target) {
        return FieldChange.between(fields(), target.fields());
    }

    /** One field that an import changes. */
    public record FieldChange(String field, String from, String to) {

        /** The fields whose values differ between two field maps of the same shape. */
        public static List<FieldChange> between(Map<String, String> from, Map<String, String> to) {
            return from.keySet().stream()
                    .filter(field -> !Objects.equals(from.get(field), to.get(field)))
                    .map(field -> new FieldChange(field, from.get(field), to.get(field)))
                    .toList();
        }
    }
}
