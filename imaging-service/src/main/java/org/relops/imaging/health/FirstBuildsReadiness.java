package org.relops.imaging.health;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.relops.imaging.ImageVersion;
import org.relops.imaging.VersionState;
import org.relops.imaging.service.CatalogueSeeder;

/**
 * Not ready while an image's first version, or a version the configured seeds pin, is still being built:
 * until then a request for that image could only fail, or boot an older version than the one it asked for.
 * (A new version added later, of an image that already has a built one, does not count: its machines boot
 * the built version meanwhile.)
 */
@Readiness
@ApplicationScoped
public class FirstBuildsReadiness implements HealthCheck {

    @Inject
    CatalogueSeeder seeder;

    @Override
    @Transactional
    public HealthCheckResponse call() {
        List<Long> seeded = seeder.seededVersionIds();
        List<String> building = ImageVersion.<ImageVersion>list("state", VersionState.BUILDING).stream()
                .filter(version -> seeded.contains(version.id) || ImageVersion.count(
                        "imageName = ?1 and state = ?2", version.imageName, VersionState.READY) == 0)
                .map(ImageVersion::label)
                .distinct()
                .toList();
        return HealthCheckResponse.named("first-image-builds")
                .status(building.isEmpty())
                .withData("building", String.join(", ", building))
                .build();
    }
}
