package org.relops.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a provider recognises a system. Which fields matter depends on the provider; {@code secretRef}
 * names where a credential lives ({@code vault:path} or {@code env:NAME}), never the credential.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Identity(String mac, String bmcAddress, String libvirtUri, String instanceId, String region,
        String secretRef) {
}
