package org.relops.imaging.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.relops.testing.auth.AccessCheck;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of the OpenAPI document names the role it needs and refuses a call without a token, with
 * another environment's, a forged or an expired token (401) and with a role short of it (403). The open ones are
 * the machines' own, guarded by their address or a credential of their own.
 */
@QuarkusTest
class AccessRulesTest {

    @Test
    void shouldRefuseEveryOperationToCallersWithoutTheRoleItNeeds() {
        List<String> failures = AccessCheck.againstTheServiceUnderTest("imaging-service")
                .publicOperations("GET /boot/{mac}.ipxe", "GET /boot/artifacts/{digest}/{name}", "GET /boot/authorized-keys",
                        "POST /boot/phone-home", "POST /boot/heartbeat", "POST /boot/refreshed", "POST /boot/wiped")
                .run();
        assertEquals(List.of(), failures);
    }
}
