package org.relops.slavealloc.rest;

import org.junit.jupiter.api.Test;
import org.relops.testing.fuzz.OpenApiFuzzer;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of the OpenAPI document under generated and mutated requests, once as anybody and once
 * with the operator's token (so that writes get past access checks and meet their validation): no 5xx, every refusal a
 * problem-details body, the service ready afterwards. Keys are random, so updates only reach rows that do
 * not exist; a create that fits adds a row under a random name.
 */
@QuarkusTest
class ApiFuzzTest {

    private static final String[] TABLES = { "distros", "datacenters", "bitlengths", "speeds", "purposes",
        "trustlevels", "tac_templates", "pools", "environments", "roles", "masters", "slaves" };

    @Test
    void shouldAnswerEveryFuzzedRequestOfAnybodyWithoutServerErrorsAndRefuseBadOnesWithProblems() {
        fuzzer("slavealloc-service (anybody)").anonymous().run().assertClean();
    }

    @Test
    void shouldAnswerEveryFuzzedRequestOfTheOperatorWithoutServerErrorsAndRefuseBadOnesWithProblems() {
        fuzzer("slavealloc-service (operator)").run().assertClean();
    }

    /** Slaves have always read this 404 as plain text (docs/slavealloc.md, "Wire format"). */
    private OpenApiFuzzer fuzzer(String name) {
        return OpenApiFuzzer.againstTheServiceUnderTest(name).requests(1_200).examples("table", TABLES)
                .documentedPlainRefusal("GET /gettac/{slave}", 404, GettacResource.NO_ALLOCATION);
    }
}
