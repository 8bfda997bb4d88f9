package org.relops.imaging.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.imaging.ImageInput;
import org.relops.imaging.InputKind;
import org.relops.imaging.build.BaseLock;
import org.relops.imaging.build.RoleSnapshots;
import org.relops.imaging.config.ImagingConfig;

/**
 * What a new real image version pins: every package of its base's lock file ({@code images/bases/<base>.lock})
 * and a snapshot of its Puppet role ({@code images/roles/<role>/} with the shared modules), taken now and kept
 * in the store. A bad base or role is refused with an {@link IllegalArgumentException} that says why.
 */
@ApplicationScoped
public class RealImagePins {

    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(1);

    @Inject
    ImagingConfig config;

    @Inject
    ArtifactStore artifacts;

    /** The inputs of a version of {@code role} on {@code base}: the base's pins, then the role snapshot. */
    public Pins of(String role, String base) {
        BaseLock lock = BaseLock.named(artifacts.imagesDir(), base);
        String roleSha256 = RoleSnapshots.snapshot(artifacts.imagesDir(), config.build().store(), role,
                SNAPSHOT_TIMEOUT);
        List<ImageInput> inputs = new ArrayList<>(lock.inputs());
        inputs.add(ImageInput.of(InputKind.ROLE, role, "snapshot", roleSha256));
        return new Pins(new Base(lock.name(), lock.suite(), lock.architecture()), List.copyOf(inputs));
    }

    /** A real version's base: the lock's name, suite and architecture. */
    public record Base(String name, String suite, String architecture) {
    }

    /** A real version's base and inputs. */
    public record Pins(Base base, List<ImageInput> inputs) {
    }
}
