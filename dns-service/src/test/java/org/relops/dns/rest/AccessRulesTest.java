package org.relops.dns.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.relops.testing.auth.AccessCheck;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of the OpenAPI document names the role it needs and refuses a call without a token, with
 * another environment's, a forged or an expired token (401) and with a role short of it (403).
 */
@QuarkusTest
class AccessRulesTest {

    @Test
    void shouldRefuseEveryOperationToCallersWithoutTheRoleItNeeds() {
        List<String> failures = AccessCheck.againstTheServiceUnderTest("dns-service").run();
        assertEquals(List.of(), failures);
    }
}
