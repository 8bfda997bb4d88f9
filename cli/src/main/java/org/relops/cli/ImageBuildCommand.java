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

/**
 * {@code relops images build NAME --role ROLE --base BASE [--wait]}: adds the image's next version, pinning the
 * role's snapshot and the base's locked packages now, and imaging-service builds it at once. With {@code --wait}
 * it follows the build until the version is ready (exit 0) or failed (exit 1, with the build's error). States are
 * printed as the API writes them (lower case) and compared in any case.
 */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Add and build an image's next version from a Puppet role and a locked base.")
public class ImageBuildCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofSeconds(2);

    @Mixin
    ServiceOptions service;

    @Parameters(paramLabel = "NAME", description = "the image (it must exist: relops images lists them)")
    String name;

    @Option(names = "--role", required = true, description = "the Puppet role of images/roles (e.g. buildbot-slave)")
    String role;

    @Option(names = "--base", required = true,
            description = "the locked base of images/bases (e.g. bookworm-slave)")
    String base;

    @ArgGroup(exclusive = false)
    RequestCommand.WaitOptions waiting;

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("role", role);
        body.put("base", base);
        return Commands.run(() -> {
            ApiClient imaging = service.client(ServiceOptions.Service.imaging);
            String versions = "/v1/images/" + Commands.pathSegment(name) + "/versions";
            JsonNode version = imaging.post(versions, body);
            int number = version.path("version").asInt();
            System.out.println(name + " v" + number + " added (" + role + " on " + base + "): "
                    + version.path("state").asText());
            if (waiting == null) {
                return RequestCommand.OK;
            }
            long started = System.nanoTime();
            long deadline = started + waiting.limit().toNanos();
            while ("building".equalsIgnoreCase(version.path("state").asText())) {
                if (System.nanoTime() > deadline) {
                    System.out.println(name + " v" + number + " still building after " + waiting.timeout);
                    return RequestCommand.TIMED_OUT;
                }
                Thread.sleep(POLL.toMillis());
                version = imaging.get(versions + "/" + number);
                System.out.print("\r" + name + " v" + number + " building, "
                        + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s ");
                System.out.flush();
            }
            System.out.println();
            String state = version.path("state").asText();
            if ("ready".equalsIgnoreCase(state)) {
                System.out.println(name + " v" + number + " " + state + ": " + version.path("digest").asText());
                return RequestCommand.OK;
            }
            System.out.println(name + " v" + number + " " + state + ": " + version.path("buildError").asText());
            return RequestCommand.REQUEST_FAILED;
        });
    }
}
