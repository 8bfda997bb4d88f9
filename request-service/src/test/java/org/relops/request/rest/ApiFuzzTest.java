package org.relops.request.rest;

import org.junit.jupiter.api.Test;
import org.relops.testing.fuzz.OpenApiFuzzer;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of the OpenAPI document under generated and mutated requests: no 5xx, every refusal a
 * problem-details body, the service ready afterwards. Writes reach only random names: a fitting request
 * creates a request for an image nobody has, which waits for placement like any other.
 */
@QuarkusTest
class ApiFuzzTest {

    @Test
    void shouldAnswerEveryFuzzedRequestWithoutServerErrorsAndRefuseBadOnesWithProblems() {
        OpenApiFuzzer.againstTheServiceUnderTest("request-service").requests(2_000).run().assertClean();
    }
}
