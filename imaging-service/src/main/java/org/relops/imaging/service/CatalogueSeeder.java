package org.relops.imaging.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.imaging.config.ImagingConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the configured seed images ({@code relops.imaging.seed.images.*}) at startup, each with its
 * first version, if the catalogue does not have that image yet. An image already there is left alone.
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

    private void seed(String name, ImagingConfig.SeedImage seed) {
        if (catalogue.findImage(name).isPresent()) {
            return;
        }
        catalogue.createImage(name, seed.description().isBlank() ? null : seed.description());
        catalogue.addVersion(name, seed.role(), PinnedInputs.of(seed.role(), pin(seed.kernel()), pin(seed.busybox())));
        LOG.infof("seeded image %s (role %s)", name, seed.role());
    }

    private static PinnedInputs.Pin pin(ImagingConfig.SeedPackage pin) {
        return new PinnedInputs.Pin(pin.name(), pin.version(), pin.sha256());
    }
}
