package org.relops.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relops request ...}: ask for machines, follow, list, show and decommission requests. */
@Command(name = "request", description = "Ask for machines and follow them.", mixinStandardHelpOptions = true,
        subcommands = {RequestCommand.Create.class, RequestCommand.ListRequests.class, RequestCommand.Show.class,
                RequestCommand.Delete.class})
public class RequestCommand {

    /** Exit codes: what a script calling relops can tell apart. */
    static final int OK = 0;
    static final int REQUEST_FAILED = 1;
    static final int REFUSED = 2;
    static final int TIMED_OUT = 3;

    /** How long --wait waits, and how. */
    static class WaitOptions {
        @Option(names = "--wait", required = true, description = "follow it until it ends, with its progress")
        boolean wait;

        @Option(names = "--timeout", defaultValue = "60m",
                description = "give up waiting after this long (e.g. 90s, 30m; default: ${DEFAULT-VALUE})")
        String timeout;

        Duration limit() {
            return Duration.parse("PT" + timeout.toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Command(name = "create", description = "Ask for machines of an image.", mixinStandardHelpOptions = true)
    static class Create implements Callable<Integer> {

        @Mixin
        ServiceOptions service;

        @Option(names = "--image", required = true, description = "the image, NAME or NAME:VERSION (default: the newest)")
        String image;

        @Option(names = "--count", defaultValue = "1", description = "how many machines (default: ${DEFAULT-VALUE})")
        int count;

        @Option(names = "--app-environment", defaultValue = "production",
                description = "the buildbot environment they serve (default: ${DEFAULT-VALUE})")
        String appEnvironment;

        @Option(names = "--spread", description = "no two machines in one: rack, row or datacenter")
        String spread;

        @Option(names = "--datacenter", description = "only systems in this datacenter")
        String datacenter;

        @Option(names = "--hardware-class", description = "only systems of this hardware class")
        String hardwareClass;

        @Option(names = "--hostname-prefix", description = "the machines' names start so (default: from the image)")
        String hostnamePrefix;

        @ArgGroup(exclusive = false)
        WaitOptions waiting;

        @Override
        public Integer call() {
            Map<String, Object> constraints = new LinkedHashMap<>();
            constraints.put("spread", spread);
            constraints.put("datacenter", datacenter);
            constraints.put("hardwareClass", hardwareClass);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("image", image);
            body.put("count", count);
            body.put("appEnvironment", appEnvironment);
            body.put("hostnamePrefix", hostnamePrefix);
            body.put("constraints", constraints);
            return Commands.run(() -> {
                JsonNode created = service.client().post("/v1/requests", body);
                String id = created.path("id").asText();
                System.out.println("request " + id + " accepted: " + count + " x " + image + " for " + appEnvironment);
                if (waiting == null) {
                    return OK;
                }
                return new ProgressDisplay(service.client(), System.out).follow(id, "fulfilled", waiting.limit());
            });
        }
    }

    @Command(name = "list", description = "List requests, newest first.", mixinStandardHelpOptions = true)
    static class ListRequests implements Callable<Integer> {

        @Mixin
        ServiceOptions service;

        @Option(names = "--state", description = "only requests in this state (e.g. provisioning, failed; any case)")
        String state;

        @Override
        public Integer call() {
            return Commands.run(() -> {
                JsonNode requests = service.client().list(Commands.withQuery("/v1/requests",
                        java.util.Collections.singletonMap("state", state)));
                if (service.output == ServiceOptions.Output.json) {
                    Commands.printJson(requests);
                    return OK;
                }
                System.out.printf("%-38s %-16s %-28s %5s  %s%n", "ID", "STATE", "IMAGE", "COUNT", "STEP");
                for (JsonNode request : requests) {
                    System.out.printf("%-38s %-16s %-28s %5d  %s%n", request.path("id").asText(),
                            request.path("state").asText() + (request.path("stuck").asBoolean() ? " (stuck)" : ""),
                            Commands.imageOf(request), request.path("count").asInt(), request.path("step").asText());
                }
                return OK;
            });
        }
    }

    @Command(name = "show", description = "Show one request and its machines.", mixinStandardHelpOptions = true)
    static class Show implements Callable<Integer> {

        @Mixin
        ServiceOptions service;

        @Parameters(paramLabel = "ID", description = "the request's id")
        String id;

        @Override
        public Integer call() {
            return Commands.run(() -> {
                JsonNode request = service.client().get("/v1/requests/" + id);
                if (service.output == ServiceOptions.Output.json) {
                    Commands.printJson(request);
                    return OK;
                }
                System.out.printf("request %s: %s, %d x %s for %s (%d s in this state)%n", request.path("id").asText(),
                        request.path("state").asText(), request.path("count").asInt(), Commands.imageOf(request),
                        request.path("appEnvironment").asText(), request.path("secondsInState").asLong());
                System.out.println("  " + request.path("step").asText());
                if (!request.path("reason").isNull() && !request.path("reason").isMissingNode()) {
                    System.out.println("  reason: " + request.path("reason").asText());
                }
                for (JsonNode machine : request.path("machines")) {
                    System.out.println("  " + ProgressDisplay.describe(machine));
                }
                return OK;
            });
        }
    }

    @Command(name = "delete", description = "Decommission a request's machines.", mixinStandardHelpOptions = true)
    static class Delete implements Callable<Integer> {

        @Mixin
        ServiceOptions service;

        @Parameters(paramLabel = "ID", description = "the request's id")
        String id;

        @Option(names = "--wipe", description = "wipe the machines' volumes too")
        boolean wipe;

        @ArgGroup(exclusive = false)
        WaitOptions waiting;

        @Override
        public Integer call() {
            return Commands.run(() -> {
                service.client().delete("/v1/requests/" + id + (wipe ? "?wipe=true" : ""));
                System.out.println("request " + id + ": decommissioning" + (wipe ? " (volumes wiped)" : ""));
                if (waiting == null) {
                    return OK;
                }
                return new ProgressDisplay(service.client(), System.out).follow(id, "decommissioned",
                        waiting.limit());
            });
        }
    }
}
