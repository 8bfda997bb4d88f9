package org.relops.imaging.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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
 * catalogue lacks is created; each of a seed's versions (one per base, oldest first, or the one netboot
 * version) that no version of the image pins yet (a release changed its role or inputs: a new base lock, an
 * edited role, the SSH server added) is added. Remembers which versions are the seeds' own, so that readiness
 * can wait until they are built.
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

    private final List<Long> seededVersionIds = new CopyOnWriteArrayList<>();

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

    /** The ids of the versions the configured seeds pin (found or added at startup). */
    public List<Long> seededVersionIds() {
        return List.copyOf(seededVersionIds);
    }

    void seed(String name, ImagingConfig.SeedImage seed) {
        if (catalogue.findImage(name).isEmpty()) {
            catalogue.createImage(name, seed.description().isBlank() ? null : seed.description());
        }
        List<String> bases = seed.base().orElse(List.of());
        if (bases.isEmpty()) {
            seedVersion(name, seed.role(), PinnedInputs.of(seed.role(),
                    seed.kernel().map(CatalogueSeeder::pin).orElse(null),
                    seed.busybox().map(CatalogueSeeder::pin).orElse(null),
                    seed.sshServer().map(CatalogueSeeder::pin).orElse(null)), null);
        }
        for (String baseName : bases) {
            RealImagePins.Pins pins = realPins.of(seed.role(), baseName);
            seedVersion(name, seed.role(), pins.inputs(), pins.base());
        }
    }

    private void seedVersion(String name, String role, List<ImageInput> inputs, RealImagePins.Base base) {
        ImageVersion version = catalogue.listVersions(name).stream()
                .filter(existing -> pins(existing, role, inputs)).findFirst()
                .orElseGet(() -> {
                    ImageVersion added = catalogue.addVersion(name, role, inputs, base);
                    LOG.infof("seeded version %s (role %s%s)", added.label(), role,
                            base == null ? "" : ", base " + base.name());
                    return added;
                });
        seededVersionIds.add(version.id);
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
