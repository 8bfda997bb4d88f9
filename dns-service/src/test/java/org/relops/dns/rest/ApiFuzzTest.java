package org.relops.dns.rest;

import org.junit.jupiter.api.Test;
import org.relops.testing.fuzz.OpenApiFuzzer;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of the OpenAPI document under generated and mutated requests: no 5xx, every refusal a
 * problem-details body, the service ready afterwards. A fitting alias lands under a random name.
 */
@QuarkusTest
class ApiFuzzTest {

    @Test
    void shouldAnswerEveryFuzzedRequestWithoutServerErrorsAndRefuseBadOnesWithProblems() {
        OpenApiFuzzer.againstTheServiceUnderTest("dns-service").requests(2_000).run().assertClean();
    }
}
