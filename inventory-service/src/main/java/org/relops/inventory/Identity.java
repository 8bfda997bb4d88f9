package org.relops.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The provider-specific part of how a system is recognised (its NIC is in {@link Nic}). Which fields
 * matter depends on the provider; {@code secretRef} names where a credential lives ({@code vault:path}
 * or {@code env:NAME}), never the credential.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Identity(String bmcAddress, String libvirtUri, String instanceId, String region, String secretRef) {

    public static final Identity NONE = new Identity(null, null, null, null, null);

    @JsonIgnore
    public boolean isEmpty() {
        return asMap().isEmpty();
    }

    /** The fields that are set, by name, as {@code host.reserved} carries them in {@code providerIdentity}. */
    public Map<String, String> asMap() {
        Map<String, String> fields = new LinkedHashMap<>();
        putIfSet(fields, "bmcAddress", bmcAddress);
        putIfSet(fields, "secretRef", secretRef);
        putIfSet(fields, "libvirtUri", libvirtUri);
        putIfSet(fields, "instanceId", instanceId);
        putIfSet(fields, "region", region);
        return fields;
    }

    private static void putIfSet(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    /** Leaves an identity with no field set out of what is written (used as a Jackson value filter). */
    public static final class EmptyFilter {

        @Override
        public boolean equals(Object value) {
            return value == null || value instanceof Identity identity && identity.isEmpty();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
