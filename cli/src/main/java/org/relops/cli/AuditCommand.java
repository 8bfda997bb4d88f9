package org.relops.cli;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code relops audit}: who changed what, when and why, from the audit trails of the services (each keeps the
 * changes made through its own API), merged newest first.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Who changed what, when and why: the services' audit trails, newest first.")
public class AuditCommand implements Callable<Integer> {

    @Mixin
    ServiceOptions service;

    @Option(names = "--subject", description = "a thing and everything under it, e.g. request/ID, image/NAME, "
            + "system/NAME, machine/HOSTNAME, alias/NAME")
    String subject;

    @Option(names = "--actor", description = "only the changes of this caller (a token's subject)")
    String actor;

    @Option(names = "--service", paramLabel = "SERVICE", description = "one service's trail: ${COMPLETION-CANDIDATES} (default: all five)")
    ServiceOptions.Service only;

    @Option(names = "--limit", defaultValue = "50",
            description = "at most this many entries, the newest (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        return Commands.run(() -> {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1, not " + limit);
            }
            List<ObjectNode> entries = new ArrayList<>();
            for (ServiceOptions.Service one : only == null ? List.of(ServiceOptions.Service.values()) : List.of(only)) {
                for (JsonNode item : service.client(one).list(query(), limit)) {
                    entries.add(((ObjectNode) item.deepCopy()).put("service", one + "-service"));
                }
            }
            entries.sort(Comparator.comparing((ObjectNode entry) -> OffsetDateTime.parse(entry.path("at").asText()))
                    .reversed());
            List<ObjectNode> shown = entries.subList(0, Math.min(limit, entries.size()));
            if (service.output == ServiceOptions.Output.json) {
                ArrayNode items = ApiClient.JSON.createArrayNode();
                shown.forEach(items::add);
                Commands.printJson(items);
            } else {
                shown.forEach(entry -> System.out.println(line(entry)));
                if (shown.isEmpty()) {
                    System.out.println("no changes recorded" + (subject == null ? "" : " for " + subject));
                }
            }
            return RequestCommand.OK;
        });
    }

    private String query() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("subject", subject);
        parameters.put("actor", actor);
        return Commands.withQuery("/v1/audit", parameters);
    }

    private static String line(JsonNode entry) {
        String detail = entry.path("detail").isNull() ? "" : "  " + entry.path("detail").asText();
        return entry.path("at").asText() + "  " + entry.path("actor").asText() + "  " + entry.path("action").asText()
                + "  " + entry.path("subject").asText() + detail;
    }
}
