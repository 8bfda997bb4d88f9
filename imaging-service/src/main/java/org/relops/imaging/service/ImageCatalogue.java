package org.relops.imaging.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

import org.relops.imaging.Image;
import org.relops.imaging.ImageInput;
import org.relops.imaging.ImageVersion;
import org.relops.imaging.Machine;
import org.relops.imaging.Recipe;
import org.relops.imaging.RolloutMachine;
import org.relops.imaging.VersionState;
import org.relops.support.audit.AuditTrail;
import org.relops.support.rest.ProblemException;

/**
 * The image catalogue: images, their immutable versions, and what {@code latest} means (the newest
 * version that has been built and that no rollout holds back). A new version is built once it is recorded.
 */
@ApplicationScoped
public class ImageCatalogue {

    /** The versions the current transaction resolved, by image and version asked for (a transaction's resource). */
    private static final Object RESOLVED = new Object();

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** The version text that asks for the newest built version. */
    public static final String LATEST = "latest";

    @Inject
    ImageBuilds builds;

    @Inject
    AuditTrail audit;

    @Transactional
    public Image createImage(String name, String description) {
        if (Image.findByName(name).isPresent()) {
            throw ProblemException.conflict("image '" + name + "' exists already");
        }
        Image image = new Image();
        image.name = name;
        image.description = description;
        image.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        image.persist();
        audit.record("image/" + name, "created", description);
        return image;
    }

    /** Every image, by name. */
    public PanacheQuery<Image> findImages() {
        return Image.findAllByName();
    }

    public Optional<Image> findImage(String name) {
        return Image.findByName(name);
    }

    /** Records a new version with the next number and has it built. */
    @Transactional
    public ImageVersion addVersion(String imageName, String role, List<ImageInput> inputs) {
        return addVersion(imageName, role, inputs, null);
    }

    /**
     * Records a new real version (a Debian root from {@code base}, with its role snapshot among the inputs) or,
     * when {@code base} is null, a netboot version, and has it built.
     */
    @Transactional
    public ImageVersion addVersion(String imageName, String role, List<ImageInput> inputs, RealImagePins.Base base) {
        Image image = Image.findByName(imageName)
                .orElseThrow(() -> ProblemException.notFound("no image '" + imageName + "'"));
        Image.getEntityManager().lock(image, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        ImageVersion version = new ImageVersion();
        version.imageName = image.name;
        version.number = ImageVersion.nextNumber(image.name);
        version.role = role;
        if (base != null) {
            version.recipe = Recipe.ROOTFS;
            version.base = base.name();
            version.suite = base.suite();
            version.architecture = base.architecture();
        }
        version.inputs.addAll(inputs);
        version.state = VersionState.BUILDING;
        version.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        version.persist();
        audit.record("image/" + image.name + "/versions/" + version.number, "added", "role " + role
                + (base == null ? ", netboot" : ", base " + base.name()) + "; building");
        builds.buildAfterCommit(version.id);
        return version;
    }

    public List<ImageVersion> listVersions(String imageName) {
        return ImageVersion.listOf(imageName);
    }

    /** An image's versions, oldest first. */
    public PanacheQuery<ImageVersion> findVersions(String imageName) {
        return ImageVersion.findAllOf(imageName);
    }

    /** A version by number or {@code latest}, whatever its build state. */
    public Optional<ImageVersion> findVersion(String imageName, String versionText) {
        if (versionText == null || versionText.isBlank() || LATEST.equals(versionText)) {
            return ImageVersion.findLatestReady(imageName);
        }
        return parseNumber(versionText).flatMap(number -> ImageVersion.findVersion(imageName, number));
    }

    /** The bootable version a request means: the pinned one if it is built, else the newest built one. */
    public Optional<ImageVersion> resolveBootable(String imageName, String versionText) {
        return findVersion(imageName, versionText).filter(version -> version.state == VersionState.READY);
    }

    /**
     * As {@link #resolveBootable}, read once per transaction: the reservations of one burst, handled together in one
     * transaction, ask for their image once. A transaction sees one answer throughout, as it would see one snapshot.
     */
    @SuppressWarnings("unchecked")
    public Optional<ImageVersion> resolveBootableOncePerTransaction(String imageName, String versionText) {
        Map<String, Optional<ImageVersion>> resolved = (Map<String, Optional<ImageVersion>>) transactions
                .getResource(RESOLVED);
        if (resolved == null) {
            resolved = new HashMap<>();
            transactions.putResource(RESOLVED, resolved);
        }
        return resolved.computeIfAbsent(imageName + ":" + versionText, key -> resolveBootable(imageName, versionText));
    }

    /**
     * The version a machine running {@code imageName} moves to when it boots or refreshes to "the newest": its
     * pinned version if it has one; the version a running rollout is putting on it, if it is in one; else latest.
     */
    public Optional<ImageVersion> newestFor(Machine machine, String imageName) {
        if (machine.pinnedVersion != null) {
            return resolveBootable(imageName, String.valueOf(machine.pinnedVersion));
        }
        Optional<Integer> rolling = RolloutMachine.versionRollingOnto(machine.hostname, imageName);
        if (rolling.isPresent()) {
            return resolveBootable(imageName, String.valueOf(rolling.get()));
        }
        return resolveBootable(imageName, LATEST);
    }

    private static Optional<Integer> parseNumber(String text) {
        try {
            int number = Integer.parseInt(text.trim());
            return number > 0 ? Optional.of(number) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
