package org.relops.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** An import plan as an operator reads a diff: {@code +} added, {@code -} removed, {@code ~} changed field by field. */
final class ImportPlanText {

    private ImportPlanText() {
    }

    static void print(JsonNode plan) {
        section("system", plan);
        section("segment", plan.path("segments"));
        plan.path("assigned").forEach(assigned -> System.out.println("  address " + assigned.path("address").asText()
                + " on " + assigned.path("segment").asText() + " for " + assigned.path("system").asText() + " (IPAM)"));
        System.out.printf("%d system(s) unchanged; %d of %d touched (%.0f%%, at most %.0f%% without --force)%n",
                plan.path("unchanged").asInt(), plan.path("added").size() + plan.path("removed").size()
                        + plan.path("changed").size(), plan.path("systemsBefore").asInt(),
                plan.path("changeShare").asDouble() * 100, plan.path("maxChangeShare").asDouble() * 100);
        plan.path("blockers").forEach(blocker -> System.out.println("blocker: " + blocker.asText()));
    }

    private static void section(String kind, JsonNode changes) {
        changes.path("added").forEach(name -> System.out.println("+ " + kind + " " + name.asText()));
        changes.path("removed").forEach(name -> System.out.println("- " + kind + " " + name.asText()));
        changes.path("changed").forEach(change -> {
            System.out.println("~ " + kind + " " + change.path("name").asText());
            change.path("changes").forEach(field -> System.out.println("    " + field.path("field").asText() + ": "
                    + field.path("from").asText() + " -> " + field.path("to").asText()));
        });
    }
}
