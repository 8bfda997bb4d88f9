package org.relops.imaging.service;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.imaging.ImageInput;
import org.relops.imaging.ImageVersion;
import org.relops.imaging.config.ImagingConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the configured seed images ({@code relops.imaging.seed.images.*}) at startup: an image the
 * catalogue lacks is created with its first version; an image none of whose versions pins the seed's role
 * and inputs (a release changed them, e.g. added the SSH server) gets a new version with them. An image
 * that has such a version is left alone.
 */
@ApplicationScoped
public class CatalogueSeeder {

    private static final Logger LOG = Logger.getLogger(CatalogueSeeder.class);

    @Inject
    ImagingConfig config;

    @Inject
    ImageCatalogue catalogue;

    void onStart(@Observes StartupEvent event) {
        if (!config.seed().enabled()) {
            return;
        }
        for (Map.Entry<String, ImagingConfig.SeedImage> seed : config.seed().images().entrySet()) {
            QuarkusTransaction.requiringNew().run(() -> seed(seed.getKey(), seed.getValue()));
        }
    }

    void seed(String name, ImagingConfig.SeedImage seed) {
        List<ImageInput> inputs = PinnedInputs.of(seed.role(), pin(seed.kernel()), pin(seed.busybox()),
                seed.sshServer().map(CatalogueSeeder::pin).orElse(null));
        if (catalogue.findImage(name).isEmpty()) {
            catalogue.createImage(name, seed.description().isBlank() ? null : seed.description());
            catalogue.addVersion(name, seed.role(), inputs);
            LOG.infof("seeded image %s (role %s)", name, seed.role());
        } else if (catalogue.listVersions(name).stream().noneMatch(version -> pins(version, seed.role(), inputs))) {
            ImageVersion version = catalogue.addVersion(name, seed.role(), inputs);
            LOG.infof("seeded version %s: the seed's pins changed", version.label());
        }
    }

    private static boolean pins(ImageVersion version, String role, List<ImageInput> inputs) {
        return version.role.equals(role) && version.inputs.stream().map(CatalogueSeeder::key).toList()
                .equals(inputs.stream().map(CatalogueSeeder::key).toList());
    }

    private static String key(ImageInput input) {
        return input.kind + " " + input;
    }

    private static PinnedInputs.SshServerPin pin(ImagingConfig.SeedSshServer server) {
        return new PinnedInputs.SshServerPin(server.name(), server.version(), server.sha256(),
                server.libraries().stream().map(CatalogueSeeder::pin).toList());
    }

    private static PinnedInputs.Pin pin(ImagingConfig.SeedPackage pin) {
        return new PinnedInputs.Pin(pin.name(), pin.version(), pin.sha256());
    }
}
