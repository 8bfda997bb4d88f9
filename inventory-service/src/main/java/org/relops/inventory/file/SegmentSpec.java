package org.relops.inventory.file;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.relops.inventory.NetworkSegment;
import org.relops.inventory.file.SystemSpec.FieldChange;
import org.relops.model.value.Location;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One network segment as the inventory file describes it: an IPv4 network ({@code cidr}), its gateway,
 * and what it serves, a datacenter's racks or (no {@code racks}) the whole datacenter. A system whose
 * NIC names no segment is on the one serving its rack.
 */
@JsonPropertyOrder({ "name", "cidr", "gateway", "serves" })
public record SegmentSpec(String name, String cidr, String gateway, Serves serves) {

    /** What a segment serves: racks of one datacenter, or every rack of it when {@code racks} is absent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "datacenter", "racks" })
    public record Serves(String datacenter, List<String> racks) {

        public Serves {
            racks = racks == null ? null : List.copyOf(racks);
        }

        public boolean serves(Location location) {
            return location != null && Objects.equals(datacenter, location.datacenter())
                    && (racks == null || racks.contains(location.rack()));
        }

        @Override
        public String toString() {
            return datacenter + (racks == null ? " (every rack)" : " " + racks);
        }
    }

    /** How a stored segment reads in the file. */
    public static SegmentSpec of(NetworkSegment segment) {
        return new SegmentSpec(segment.name, segment.cidr, segment.gateway,
                new Serves(segment.datacenter, segment.racks.isEmpty() ? null : segment.racks));
    }

    /** The fields whose values differ from another spec's. */
    public List<FieldChange> changesTo(SegmentSpec target) {
        return FieldChange.between(fields(), target.fields());
    }

    private Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("cidr", cidr);
        fields.put("gateway", gateway);
        fields.put("serves", serves == null ? null : serves.toString());
        return fields;
    }
}
