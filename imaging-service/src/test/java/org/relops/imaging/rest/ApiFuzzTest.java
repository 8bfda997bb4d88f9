package org.relops.imaging.rest;

import org.junit.jupiter.api.Test;
import org.relops.testing.fuzz.OpenApiFuzzer;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of the OpenAPI document under generated and mutated requests: no 5xx, every refusal a
 * problem-details body, the service ready afterwards. Nothing here may build an image or touch a machine:
 * a new version only ever gets a body no reader can turn into one (a readable one would start a real
 * build), and reimages, reboots, rollouts and the boot endpoints only ever name machines, MACs and images
 * that do not exist, since the fuzzer's names are random tokens.
 */
@QuarkusTest
class ApiFuzzTest {

    @Test
    void shouldAnswerEveryFuzzedRequestWithoutServerErrorsAndRefuseBadOnesWithProblems() {
        OpenApiFuzzer.againstTheServiceUnderTest("imaging-service").requests(2_000)
                .unreadableBodiesOnly("POST /v1/images/{name}/versions")
                .run().assertClean();
    }
}
