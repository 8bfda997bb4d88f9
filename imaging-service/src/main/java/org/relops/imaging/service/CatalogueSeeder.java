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
 * and inputs (a release changed them: a new base lock, an edited role, the SSH server added) gets a new
 * version with them. An image
 * that has such a version is left alone.
 */
@ApplicationScoped
public class CatalogueSeeder {

    private static final Logger LOG = Logger.getLogger(CatalogueSeeder.class);

    @Inject
    ImagingConfig config;

    @Inject
    ImageCatalogue catalogue;

    @Inject
    RealImagePins realPins;

    void onStart(@Observes StartupEvent event) {
        if (!config.seed().enabled()) {
            return;
        }
        for (Map.Entry<String, ImagingConfig.SeedImage> seed : config.seed().images().entrySet()) {
            if (!seed.getValue().enabled()) {
                continue;
            }
            QuarkusTransaction.requiringNew().run(() -> seed(seed.getKey(), seed.getValue()));
        }
    }

    void seed(String name, ImagingConfig.SeedImage seed) {
        List<ImageInput> inputs;
        RealImagePins.Base base;
        if (seed.base().isPresent()) {
            RealImagePins.Pins pins = realPins.of(seed.role(), seed.base().get());
            inputs = pins.inputs();
            base = pins.base();
        } else {
            inputs = PinnedInputs.of(seed.role(), seed.kernel().map(CatalogueSeeder::pin).orElse(null),
                    seed.busybox().map(CatalogueSeeder::pin).orElse(null),
                    seed.sshServer().map(CatalogueSeeder::pin).orElse(null));
            base = null;
        }
        if (catalogue.findImage(name).isEmpty()) {
            catalogue.createImage(name, seed.description().isBlank() ? null : seed.description());
            catalogue.addVersion(name, seed.role(), inputs, base);
            LOG.infof("seeded image %s (role %s%s)", name, seed.role(), base == null ? "" : ", base " + base.name());
        } else if (catalogue.listVersions(name).stream().noneMatch(version -> pins(version, seed.role(), inputs))) {
            ImageVersion version = catalogue.addVersion(name, seed.role(), inputs, base);
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
