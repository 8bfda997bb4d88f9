package org.relops.imaging.health;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.relops.imaging.ImageVersion;
import org.relops.imaging.VersionState;

/**
 * Not ready while an image's first version is still being built: until then a request for that
 * image could only fail. (A new version of an image that already has a built one does not count:
 * its machines boot the built version meanwhile.)
 */
@Readiness
@ApplicationScoped
public class FirstBuildsReadiness implements HealthCheck {

    @Override
    @Transactional
    public HealthCheckResponse call() {
        List<String> building = ImageVersion.<ImageVersion>list("state", VersionState.BUILDING).stream()
                .map(version -> version.imageName)
                .distinct()
                .filter(image -> ImageVersion.count("imageName = ?1 and state = ?2", image, VersionState.READY) == 0)
                .toList();
        return HealthCheckResponse.named("first-image-builds")
                .status(building.isEmpty())
                .withData("building", String.join(", ", building))
                .build();
    }
}
