package org.relops.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code relops} command line against the running stack, as an operator types it: a request created with
 * {@code --wait} prints its progress and each machine as it comes out ready and exits 0 once fulfilled; {@code show
 * -o json} prints what request-service holds; {@code delete --wait} exits 0 once decommissioned; a request that
 * cannot be placed exits 1 with the reason; bad input exits 2 with relops' own words.
 */
class CliEndToEndTest {

    private static final Pattern ACCEPTED = Pattern.compile("request (\\S+) accepted");
    private static RelopsStack stack;

    @BeforeAll
    static void startStack() {
        stack = RelopsStack.shared();
    }

    @Test
    void shouldFollowARequestToFulfilledShowItAndDecommissionIt() throws Exception {
        Run created = relops("request", "create", "--image", "relops-bare", "--count", "2", "--hardware-class",
                "simulated", "--wait", "--timeout", "3m");

        System.out.print("relops request create ... --wait printed:\n" + created.out);
        assertEquals(0, created.exit, created.toString());
        Matcher accepted = ACCEPTED.matcher(created.out);
        assertTrue(accepted.find(), created.toString());
        String id = accepted.group(1);
        assertEquals(2, created.out.lines().filter(line -> line.trim().startsWith("ready ")).count(), created.out);
        assertTrue(created.out.contains("[####################] 2 of 2 ready"), created.out);
        assertTrue(created.out.contains("request " + id + " fulfilled in "), created.out);

        Run shown = relops("request", "show", id, "-o", "json");
        assertEquals(0, shown.exit, shown.toString());
        JsonNode request = new ObjectMapper().readTree(shown.out);
        assertEquals("fulfilled", request.path("state").asText());
        assertEquals(2, request.path("machines").size());

        Run deleted = relops("request", "delete", id, "--wait", "--timeout", "3m");
        assertEquals(0, deleted.exit, deleted.toString());
        assertTrue(deleted.out.contains("request " + id + " decommissioned in "), deleted.out);

        Run audit = relops("audit", "--subject", "request/" + id, "-o", "json");
        assertEquals(0, audit.exit, audit.toString());
        JsonNode entries = new ObjectMapper().readTree(audit.out);
        assertEquals(2, entries.size(), audit.out);
        assertEquals("decommissioned", entries.path(0).path("action").asText(), audit.out);
        assertEquals("created", entries.path(1).path("action").asText(), audit.out);
        for (JsonNode entry : entries) {
            assertEquals("e2e-operator", entry.path("actor").asText(), audit.out);
            assertEquals("request-service", entry.path("service").asText(), audit.out);
        }
        Run text = relops("audit", "--actor", "e2e-operator", "--limit", "5");
        assertEquals(0, text.exit, text.toString());
        assertTrue(text.out.lines().anyMatch(line -> line.contains("  e2e-operator  decommissioned  request/" + id)),
                text.out);
    }

    @Test
    void shouldListSystemsImagesAndRolloutsFromTheirServices() throws Exception {
        Run systems = relops("systems", "--hardware-class", "simulated", "-o", "json");
        assertEquals(0, systems.exit, systems.toString());
        JsonNode listed = new ObjectMapper().readTree(systems.out);
        assertTrue(listed.size() > 0, systems.out);
        listed.forEach(system -> assertEquals("simulated", system.path("hardwareClass").asText(), systems.out));
        Run table = relops("systems", "--hardware-class", "simulated");
        assertTrue(table.out.lines().findFirst().orElse("").startsWith("NAME "), table.out);
        assertEquals(listed.size() + 1, table.out.lines().count(), table.out);

        Run images = relops("images");
        assertEquals(0, images.exit, images.toString());
        assertTrue(images.out.lines().anyMatch(line -> line.startsWith("relops-bare ")), images.out);
        Run versions = relops("images", "relops-bare", "-o", "json");
        assertEquals("relops-bare", new ObjectMapper().readTree(versions.out).path(0).path("image").asText(),
                versions.out);
        assertEquals(2, relops("images", "no/such-image").exit);

        Run rollouts = relops("rollouts", "-o", "json");
        assertEquals(0, rollouts.exit, rollouts.toString());
        assertTrue(new ObjectMapper().readTree(rollouts.out).isArray(), rollouts.out);

        Run records = relops("dns", "records", "--type", "A", "-o", "json");
        assertEquals(0, records.exit, records.toString());
        new ObjectMapper().readTree(records.out).forEach(record -> assertEquals("A", record.path("type").asText()));
        Run masters = relops("masters");
        assertEquals(0, masters.exit, masters.toString());
        Run slaves = relops("slaves", "-o", "json");
        assertEquals(0, slaves.exit, slaves.toString());
        assertTrue(new ObjectMapper().readTree(slaves.out).isArray(), slaves.out);

        Run completion = relopsOffline("completion");
        assertTrue(completion.out.contains("complete -F") && completion.out.contains("audit"), completion.out);
    }

    @Test
    void shouldBuildAnImagesNextVersionAndFollowItToReady() throws Exception {
        String image = "cli-built-" + Long.toHexString(System.nanoTime());
        given().contentType(ContentType.JSON).body("{\"name\":\"" + image + "\"}")
                .post(stack.url("imaging-service") + "/v1/images").then().statusCode(201);

        Run refused = relops("images", "build", image, "--role", "buildbot-slave", "--base", "no-such-base");
        assertEquals(2, refused.exit, refused.toString());
        assertTrue(refused.err.contains("no-such-base"), "the refusal names the base: " + refused);

        // the seed image's inputs: the store has the build, so the version is ready in seconds, with the same digest
        Run built = relops("images", "build", image, "--role", "buildbot-slave", "--base", "bookworm-slave", "--wait",
                "--timeout", "4m");
        assertEquals(0, built.exit, built.toString());
        String digest = given().get(stack.url("imaging-service") + "/v1/images/releng-talos-linux64/versions/2")
                .then().statusCode(200).extract().path("digest");
        assertTrue(built.out.contains(image + " v1 ready: " + digest), built.out);
    }

    @Test
    void shouldReachTheEnvironmentOfASavedProfileWithItsTokenFile() throws Exception {
        Path config = Files.createTempDirectory("relops-config");
        Path token = config.resolve("e2e.token");
        Files.writeString(token, stack.token("e2e-profile-viewer", org.relops.model.auth.Roles.VIEWER));
        Files.createDirectories(config.resolve("profiles"));
        Files.writeString(config.resolve("profiles/e2e.properties"), "url=" + stack.url("request-service") + "\n"
                + "inventory-url=" + stack.url("inventory-service") + "\ntoken-file=" + token + "\n");

        // no --url and no RELOPS_TOKEN: all of it from the profile
        Run systems = relopsWithout("RELOPS_TOKEN", config, "systems", "--profile", "e2e", "-o", "json");
        assertEquals(0, systems.exit, systems.toString());
        assertTrue(new ObjectMapper().readTree(systems.out).size() > 0, systems.out);
        Run requests = relopsWithout("RELOPS_TOKEN", config, "request", "list", "--profile", "e2e");
        assertEquals(0, requests.exit, requests.toString());

        Run unknown = relopsWithout("RELOPS_TOKEN", config, "systems", "--profile", "staging");
        assertEquals(2, unknown.exit, unknown.toString());
        assertTrue(unknown.err.contains("no profile 'staging'") && unknown.err.contains("profiles there: e2e"),
                unknown.err);
    }

    @Test
    void shouldShowAnInventoryFilesDiffWithoutChangingAnything() throws Exception {
        String file = Files.readString(stack.root().resolve("e2e-tests/src/test/resources/inventory-e2e.yaml"));
        String system = "  - name: e2e-simulated-01\n    provider: simulated\n    nic: {mac: \"52:54:00:ff:00:01\"}\n"
                + "    hardwareClass: simulated\n";
        assertTrue(file.contains(system), "the e2e inventory's first system");
        Path edited = Files.createTempFile("inventory", ".yaml");
        Files.writeString(edited, file.replace(system, system.replace("hardwareClass: simulated",
                "hardwareClass: simulated-xl")));

        Run diff = relops("inventory", "diff", edited.toString());

        assertEquals(0, diff.exit, diff.toString());
        List<String> lines = diff.out.lines().toList();
        int changed = lines.indexOf("~ system e2e-simulated-01");
        assertTrue(changed >= 0, diff.out);
        assertTrue(lines.get(changed + 1).contains("simulated -> simulated-xl"), diff.out);
        assertEquals("simulated", given().get(stack.url("inventory-service") + "/v1/systems/e2e-simulated-01")
                .then().statusCode(200).extract().path("hardwareClass"), "a diff changes nothing");

        Path broken = Files.createTempFile("inventory", ".yaml");
        Files.writeString(broken, "systems: [ {name: ");
        Run refused = relops("inventory", "apply", broken.toString());
        assertEquals(2, refused.exit, refused.toString());
        assertTrue(refused.err.contains("422: the inventory file is not valid"), refused.err);
    }

    @Test
    void shouldFollowTheLiveEventStreamOfOneType() throws Exception {
        Path out = Files.createTempFile("relops-events", ".out");
        Path err = Files.createTempFile("relops-events", ".err");
        Process follower = start(List.of("events", "--follow", "--type", "request.submitted", "--count", "1", "--for",
                "2m", "--bus", "amqp://guest@127.0.0.1:5672/" + RelopsStack.VHOST, "--url", stack.url("request-service")),
                out, err);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(err).contains("following "));

        String id = given().contentType("application/json").body("{\"image\":\"relops-bare\",\"count\":1,"
                + "\"appEnvironment\":\"production\",\"constraints\":{\"hardwareClass\":\"simulated\"}}")
                .post(stack.url("request-service") + "/v1/requests").then().statusCode(202).extract().path("id");

        assertTrue(follower.waitFor(2, TimeUnit.MINUTES), "relops events ends after --count events");
        String line = Files.readString(out);
        assertEquals(0, follower.exitValue(), line + Files.readString(err));
        assertTrue(line.contains("request.submitted  by e2e-operator  ") && line.contains(id), line);
        given().delete(stack.url("request-service") + "/v1/requests/" + id).then().statusCode(202);
    }

    @Test
    void shouldExitOneWithTheReasonWhenTheRequestFails() throws Exception {
        Run failed = relops("request", "create", "--image", "relops-bare", "--hardware-class", "no-such-class",
                "--wait", "--timeout", "2m");

        assertEquals(1, failed.exit, failed.toString());
        assertTrue(failed.out.contains("failed: "), failed.out);
    }

    @Test
    void shouldExitTwoWithRelopsOwnWordsOnBadInput() throws Exception {
        Run refused = relops("request", "create", "--image", "relops-bare", "--spread", "building");

        assertEquals(2, refused.exit, refused.toString());
        assertTrue(refused.err.contains("400: field 'constraints.spread' has an invalid value 'building'; allowed: none,"
                + " rack, row, datacenter"), refused.err);
    }

    /** Runs the packaged command line with the stack's request-service URL; its exit code and output. */
    private static Run relops(String... arguments) throws IOException, InterruptedException {
        List<String> withUrl = new ArrayList<>(List.of(arguments));
        withUrl.addAll(List.of("--url", stack.url("request-service")));
        return relopsOffline(withUrl.toArray(String[]::new));
    }

    /** Runs the packaged command line as given (a command that calls no service). */
    private static Run relopsOffline(String... arguments) throws IOException, InterruptedException {
        return run(command(List.of(arguments)), arguments);
    }

    /** Runs the packaged command line with a configuration directory of its own and without one variable. */
    private static Run relopsWithout(String variable, Path configDir, String... arguments)
            throws IOException, InterruptedException {
        ProcessBuilder builder = command(List.of(arguments));
        builder.environment().remove(variable);
        builder.environment().put("RELOPS_CONFIG_DIR", configDir.toString());
        return run(builder, arguments);
    }

    private static Run run(ProcessBuilder builder, String... arguments) throws IOException, InterruptedException {
        Path out = Files.createTempFile("relops-cli", ".out");
        Path err = Files.createTempFile("relops-cli", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("relops " + String.join(" ", arguments) + " did not end within 5 min");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Starts the packaged command line, its output and errors going to files. */
    private static Process start(List<String> arguments, Path out, Path err) throws IOException {
        return command(arguments).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    /** The packaged command line with these arguments, the stack's operator token in its environment. */
    private static ProcessBuilder command(List<String> arguments) {
        Path jar = stack.root().resolve("cli/target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        // the token goes by the environment, as an operator's shell would hand it over
        builder.environment().put("RELOPS_TOKEN", stack.operatorToken());
        return builder;
    }

    private record Run(int exit, String out, String err) {
    }
}
