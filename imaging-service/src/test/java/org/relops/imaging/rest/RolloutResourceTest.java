package org.relops.imaging.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.relops.testing.auth.OperatorTokenByDefault.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.imaging.TestNetwork;
import org.relops.imaging.ImageFixtures;
import org.relops.imaging.ListPages;
import org.relops.imaging.OnTheBus;
import org.relops.imaging.provider.ProviderMachine;
import org.relops.imaging.provider.SimulatedProvider;
import org.relops.model.auth.Roles;
import org.relops.model.envelope.CloudEvent;
import org.relops.model.envelope.EnvelopeCodec;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.RolloutAdvanced;
import org.relops.model.event.RolloutCompleted;
import org.relops.model.event.RolloutHalted;
import org.relops.model.event.RolloutStarted;
import org.relops.model.value.Location;
import org.relops.testing.MetricSamples;
import org.relops.testing.auth.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Staged rollouts on simulated machines (test-only: they boot at once, so only the staging takes time). */
@QuarkusTest
class RolloutResourceTest extends OnTheBus {

    static final Duration ROLLOUT = Duration.ofSeconds(60);

    @Inject
    SimulatedProvider simulated;

    static String bootedOn(String image, String version, String environment) {
        String host = uniqueHostname("t-pool");
        bus.publish(new HostReserved("req-" + host, host, "vm-" + host, SimulatedProvider.KIND,
                TestNetwork.simulated(), Map.of(),
                
                new Location("mdc1", "r1", "rack1"), image, version, environment));
        bus.awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));
        return host;
    }

    /** Starts a rollout of a version ({@code null}: the newest built one). */
    static JsonPath startRollout(String image, Integer version, String environment, int firstPercent) {
        Map<String, Object> body = new HashMap<>(Map.of("image", image, "firstPercent", firstPercent));
        body.put("imageVersion", version);
        body.put("appEnvironment", environment);
        return given().contentType(ContentType.JSON).body(body).post("/v1/rollouts").then().statusCode(201)
                .extract().jsonPath();
    }

    static JsonPath rollout(String id) {
        return given().get("/v1/rollouts/" + id).then().statusCode(200).extract().jsonPath();
    }

    static int latestVersion(String image) {
        int latest = given().get("/v1/images/" + image + "/versions/latest").then().statusCode(200).extract()
                .jsonPath().getInt("version");
        given().get("/v1/images/" + image).then().statusCode(200).body("latestVersion", equalTo(latest));
        return latest;
    }

    static JsonPath machine(String host) {
        return given().get("/v1/machines/" + host).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldReimageTheFirstWaveThenTheRestOnceTheFirstIsHealthy() {
        String image = ImageFixtures.imageWithVersions("t-rollout", "pool-a", "pool-b");
        List<String> pool = List.of(bootedOn(image, "1", "production"), bootedOn(image, "1", "production"),
                bootedOn(image, "1", "production"), bootedOn(image, "1", "production"));
        String elsewhere = bootedOn(image, "1", "staging");

        JsonPath started = startRollout(image, 2, "production", 25);
        String id = started.getString("id");
        given().contentType(ContentType.JSON).body(Map.of("image", image, "imageVersion", 2, "firstPercent", 50))
                .post("/v1/rollouts").then().statusCode(409).body("detail", containsString(id));

        assertThat("a version is not latest while its rollout runs", latestVersion(image), equalTo(1));
        assertThat(started.getList("waves[0].machines"), hasSize(1));
        assertThat(started.getList("waves[1].machines"), hasSize(3));
        String first = started.getString("waves[0].machines[0].hostname");
        RolloutStarted announced = bus.awaitEvent(RolloutStarted.class, e -> e.rolloutId().equals(id));
        assertThat(announced.firstWave(), equalTo(List.of(first)));
        assertThat(announced.machines(), equalTo(4));

        RolloutCompleted completed = await().atMost(ROLLOUT).until(() -> bus.events(RolloutCompleted.class,
                e -> e.rolloutId().equals(id)).stream().findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(completed.machines(), equalTo(4));
        assertThat(completed.failedHostnames(), hasSize(0));
        RolloutAdvanced advanced = bus.awaitEvent(RolloutAdvanced.class, e -> e.rolloutId().equals(id));
        assertThat(advanced.secondWave(), containsInAnyOrder(pool.stream().filter(h -> !h.equals(first)).toArray()));

        JsonPath done = rollout(id);
        assertThat(done.getString("state"), equalTo("completed"));
        assertThat(done.getList("waves.machines.flatten().state"), everyItem(equalTo("healthy")));
        String newDigest = ImageFixtures.digestOf(image, 2);
        OffsetDateTime firstHealthy = OffsetDateTime.parse(machine(first).getString("operations[1].bootedAt"))
                .plusSeconds(4);
        for (String host : pool) {
            JsonPath machine = machine(host);
            assertThat(machine.getString("operations[1].kind"), equalTo("rollout"));
            assertThat(machine.getString("operations[1].imageDigest"), equalTo(newDigest));
            if (!host.equals(first)) {
                OffsetDateTime reimaged = OffsetDateTime.parse(machine.getString("operations[1].createdAt"));
                assertThat("the second wave waits until the first is healthy", reimaged.compareTo(firstHealthy),
                        greaterThanOrEqualTo(0));
            }
        }
        assertThat(machine(elsewhere).getList("operations"), hasSize(1));
        assertThat("latest once the rollout completed", latestVersion(image), equalTo(2));
    }

    @Test
    void shouldHaltWhenAMachineOfTheFirstWaveFails() {
        String image = ImageFixtures.imageWithVersions("t-halt", "pool-a", "pool-b");
        for (int i = 0; i < 3; i++) {
            bootedOn(image, "1", "production");
        }

        JsonPath started = startRollout(image, null, null, 10);
        String id = started.getString("id");
        String first = started.getString("waves[0].machines[0].hostname");
        List<String> rest = started.getList("waves[1].machines.hostname");
        await().atMost(ROLLOUT).until(() -> "booted".equals(machine(first).getString("operations[1].state")));
        simulated.destroy(new ProviderMachine(first, null, null, Map.of()), false);

        RolloutHalted halted = await().atMost(ROLLOUT).until(() -> bus.events(RolloutHalted.class,
                e -> e.rolloutId().equals(id)).stream().findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(halted.failedHostnames(), equalTo(List.of(first)));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat("the failure counts against the version it booted", MetricSamples.of(metrics,
                line -> line.startsWith("relops_imaging_boot_failures_total{") && line.contains("image=\"" + image + "\"")
                        && line.contains("version=\"2\"")).sum(), equalTo(1.0));
        assertThat(halted.reason(), containsString(first));
        JsonPath stopped = rollout(id);
        assertThat(stopped.getString("state"), equalTo("halted"));
        assertThat(stopped.getString("reason"), containsString("no longer exists"));
        assertThat(stopped.getString("waves[0].machines[0].state"), equalTo("failed"));
        assertThat(stopped.getList("waves[1].machines.state"), everyItem(equalTo("waiting")));
        for (String host : rest) {
            assertThat(machine(host).getList("operations"), hasSize(1));
        }
        assertThat("a halted version is not latest", latestVersion(image), equalTo(1));
        String newcomer = bootedOn(image, "latest", "production");
        assertThat("a new machine asking for latest boots the version before the halted one",
                machine(newcomer).getInt("operations[0].imageVersion"), equalTo(1));
    }

    @Test
    void shouldRunARolloutToItsEndInTheNameOfWhoeverStartedIt() {
        String image = ImageFixtures.imageWithVersions("t-actor", "pool-a", "pool-b");
        String host = bootedOn(image, "1", "production");

        String id = as(TestTokens.forSubject("release-olga", Roles.OPERATOR)).contentType(ContentType.JSON)
                .body(Map.of("image", image, "imageVersion", 2, "firstPercent", 100, "appEnvironment", "production"))
                .post("/v1/rollouts").then().statusCode(201).body("startedBy", equalTo("release-olga"))
                .extract().path("id");

        // the reimage and the completion happen later, on the rollout's timer: still in the starter's name
        CloudEvent completed = await().atMost(ROLLOUT).until(() -> bus.envelopes().stream()
                .filter(envelope -> envelope.type().equals("rollout.completed")
                        && EnvelopeCodec.payload(envelope, RolloutCompleted.class).rolloutId().equals(id))
                .findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(completed.actor(), equalTo("release-olga"));
        assertThat(bus.awaitEnvelope(MachineBooted.class, e -> e.hostname().equals(host) && e.imageVersion()
                .equals("2")).actor(), equalTo("release-olga"));
        given().queryParam("subject", "image/" + image).get("/v1/audit").then().statusCode(200)
                .body("items[0].subject", equalTo("image/" + image + "/rollouts/" + id))
                .body("items[0].actor", equalTo("release-olga"))
                .body("items[0].action", equalTo("started"))
                .body("items.subject", hasItem("image/" + image + "/versions/2"))
                .body("items.subject", hasItem("image/" + image));
    }

    @Test
    void shouldCompleteAtOnceWhenNoMachineRunsAnOlderVersion() {
        String image = ImageFixtures.imageWithVersions("t-none", "pool-a");

        String id = startRollout(image, 1, null, 50).getString("id");

        assertThat(rollout(id).getString("state"), equalTo("completed"));
        assertThat(rollout(id).getString("reason"), containsString("no machine runs an older version"));
        bus.awaitEvent(RolloutCompleted.class, e -> e.rolloutId().equals(id) && e.machines() == 0);
    }

    @Test
    void shouldRefuseARolloutOfAVersionThatWasNeverBuilt() {
        given().contentType(ContentType.JSON).body(Map.of("image", SEED_IMAGE, "imageVersion", 99, "firstPercent", 10))
                .post("/v1/rollouts").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("no built version '99'"));
    }

    @Test
    void shouldRefuseAFirstPercentOutsideOneToAHundred() {
        given().contentType(ContentType.JSON).body(Map.of("image", SEED_IMAGE, "imageVersion", 1, "firstPercent", 0))
                .post("/v1/rollouts").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("firstPercent"));
        given().contentType(ContentType.JSON).body(Map.of("image", SEED_IMAGE, "imageVersion", 1))
                .post("/v1/rollouts").then().statusCode(400);
    }

    @Test
    void shouldRefuseAnImageVersionThatIsNotAVersionNumber() {
        given().contentType(ContentType.JSON).body(Map.of("image", SEED_IMAGE, "imageVersion", "latest",
                "firstPercent", 10)).post("/v1/rollouts").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("imageVersion"));
        given().contentType(ContentType.JSON).body(Map.of("image", SEED_IMAGE, "imageVersion", 0, "firstPercent", 10))
                .post("/v1/rollouts").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("imageVersion must be a version number"));
        given().contentType(ContentType.JSON).body(Map.of("image", SEED_IMAGE, "imageVersion", List.of(1),
                "firstPercent", 10)).post("/v1/rollouts").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("imageVersion"));
    }

    @Test
    void shouldRefuseTheVersionByItsFormerName() {
        given().contentType(ContentType.JSON).body(Map.of("image", SEED_IMAGE, "version", "1", "firstPercent", 10))
                .post("/v1/rollouts").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("unknown field 'version'"));
    }

    @Test
    void shouldListRolloutsNewestFirstOnePageAtATime() {
        String image = ImageFixtures.imageWithVersions("t-listed", "pool-a");
        String older = startRollout(image, 1, null, 50).getString("id");
        String newer = startRollout(image, null, null, 50).getString("id");

        JsonPath listed = ListPages.all("/v1/rollouts");
        assertThat(listed.getList("items.id").subList(0, 2), equalTo(List.of(newer, older)));
        assertThat(listed.getString("items[0].state"), equalTo("completed"));
        assertThat(listed.getInt("items[0].imageVersion"), equalTo(1));
        assertThat(listed.getInt("total"), greaterThanOrEqualTo(2));
        ListPages.assertPagesThrough("/v1/rollouts", "id");
    }

    @Test
    void shouldRefuseARolloutOfAnUnknownImage() {
        given().contentType(ContentType.JSON).body(Map.of("image", "no-such-image", "firstPercent", 10))
                .post("/v1/rollouts").then().statusCode(404).body("detail", containsString("no-such-image"));
    }

    @Test
    void shouldNotFindAnUnknownRollout() {
        given().get("/v1/rollouts/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/v1/rollouts/not-a-uuid").then().statusCode(404);
    }
}
