package org.relops.imaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.relops.testing.WithBusProbe;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Base of the tests that feed and watch the real bus; also waits for the seed image to be built. Every
 * test runs with the test environment's network up ({@link TestNetwork}) and its operator key pair
 * configured ({@link TestOperatorKey}).
 */
@QuarkusTestResource(TestNetwork.class)
@QuarkusTestResource(TestOperatorKey.class)
public abstract class OnTheBus extends WithBusProbe {

    public static final String SEED_IMAGE = "releng-talos-linux64";

    /** Waits until the seed image's first version is built (the first test to ask may wait for the build). */
    protected static void awaitSeedBuilt() {
        awaitBuilt(SEED_IMAGE, "latest");
    }

    /** Waits until an image version is built (polling quietly: a version still building is no failure). */
    public static void awaitBuilt(String image, String version) {
        await().atMost(Duration.ofMinutes(3)).until(() -> "ready".equals(given()
                .get("/v1/images/" + image + "/versions/" + version).then().extract().path("state")));
    }

    /** A hostname no other test uses. */
    protected static String uniqueHostname(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
