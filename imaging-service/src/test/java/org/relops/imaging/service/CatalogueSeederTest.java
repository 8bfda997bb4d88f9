package org.relops.imaging.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.imaging.ImageFixtures;
import org.relops.imaging.OnTheBus;
import org.relops.imaging.config.ImagingConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The seed catalogue reaching an image seeded before its pins changed (here: before it had an SSH server). */
@QuarkusTest
class CatalogueSeederTest extends OnTheBus {

    @Inject
    CatalogueSeeder seeder;

    @Inject
    ImagingConfig config;

    @Test
    void shouldAddAVersionWithTheSeedsPinsToAnImageThatHasNoneAndOnlyOnce() {
        String image = ImageFixtures.imageWithVersions("t-seeded-before", "buildbot-slave");
        ImagingConfig.SeedImage seed = config.seed().images().get(SEED_IMAGE);

        QuarkusTransaction.requiringNew().run(() -> seeder.seed(image, seed));
        QuarkusTransaction.requiringNew().run(() -> seeder.seed(image, seed));

        given().get("/v1/images/" + image + "/versions").then().statusCode(200).body("items", hasSize(2))
                .body("total", equalTo(2)).body("items[1].inputs.kind", hasItem("ssh_server"));
        awaitBuilt(image, "2");
    }
}
