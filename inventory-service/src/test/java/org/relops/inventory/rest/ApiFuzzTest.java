package org.relops.inventory.rest;

import org.junit.jupiter.api.Test;
import org.relops.testing.fuzz.OpenApiFuzzer;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of the OpenAPI document under generated and mutated requests: no 5xx, every refusal a
 * problem-details body, the service ready afterwards. The import is kept a dry run (an import of a file
 * that happened to parse must not replace the test inventory), and operator actions only reach systems
 * that do not exist.
 */
@QuarkusTest
class ApiFuzzTest {

    @Test
    void shouldAnswerEveryFuzzedRequestWithoutServerErrorsAndRefuseBadOnesWithProblems() {
        OpenApiFuzzer.againstTheServiceUnderTest("inventory-service").requests(2_000)
                .pinQuery("POST /v1/inventory/import", "dryRun", "true")
                .examples("action", "quarantine", "decommission", "retire", "restore")
                .run().assertClean();
    }
}
