package org.relops.imaging.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.imaging.ImageVersion;
import org.relops.imaging.Recipe;
import org.relops.imaging.build.BuildException;
import org.relops.imaging.build.NetbootImageBuilder;
import org.relops.imaging.build.PackageCache;
import org.relops.imaging.build.RootfsImageBuilder;
import org.relops.imaging.config.ImagingConfig;

/**
 * Built artifacts by digest: {@code <data-dir>/artifacts/<hex>/}: {@code vmlinuz} and {@code initrd.img}, and
 * for a real image also {@code root.squashfs} and {@code role.tar}. Artifacts are content-addressed and never
 * changed, so every version that was built stays bootable.
 */
@ApplicationScoped
public class ArtifactStore {

    /** The artifacts a boot chains, by the name it fetches them under. */
    public static final java.util.Set<String> NAMES = java.util.Set.copyOf(RootfsImageBuilder.ARTIFACTS);

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    @Inject
    ImagingConfig config;

    public NetbootImageBuilder builder() {
        return new NetbootImageBuilder(new PackageCache(config.build().packageCache(), config.build().fetchTimeout()));
    }

    public RootfsImageBuilder rootfsBuilder() {
        return new RootfsImageBuilder(imagesDir(), config.build().store(), config.build().rootfsTimeout());
    }

    /** The images directory as an absolute path (a relative setting is taken from the working directory). */
    public Path imagesDir() {
        return config.build().imagesDir().toAbsolutePath().normalize();
    }

    /** Where a version's build writes its progress and output. */
    public Path buildLog(ImageVersion version) {
        return config.dataDir().resolve("logs").resolve("build-" + version.imageName + "-" + version.number + ".log");
    }

    /** A fresh directory to build into. */
    public Path newBuildTarget() {
        try {
            Files.createDirectories(config.dataDir().resolve("work"));
            return Files.createTempDirectory(config.dataDir().resolve("work"), "artifacts-");
        } catch (IOException e) {
            throw new BuildException("cannot create a build directory under " + config.dataDir() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Moves a build's artifacts to their place by digest (keeping what is there: same digest, same bytes). */
    public void keep(String digest, Path buildTarget) {
        Path home = directory(digest);
        try {
            if (!Files.isDirectory(home)) {
                Files.createDirectories(home.getParent());
                Files.move(buildTarget, home, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new BuildException("cannot store the artifacts of " + digest + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(buildTarget);
        }
    }

    /** Whether every artifact a version's boot fetches is here. */
    public boolean has(ImageVersion version) {
        List<String> names = version.recipe == Recipe.ROOTFS ? RootfsImageBuilder.ARTIFACTS
                : List.of("vmlinuz", "initrd.img");
        return names.stream().allMatch(name -> find(version.digest, name).isPresent());
    }

    /** An artifact file of a built image, if the digest and name are valid and it exists. */
    public Optional<Path> find(String digest, String name) {
        if (digest == null || !DIGEST.matcher(digest).matches() || !NAMES.contains(name)) {
            return Optional.empty();
        }
        Path file = directory(digest).resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private Path directory(String digest) {
        return config.dataDir().resolve("artifacts").resolve(digest.substring("sha256:".length()));
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // nothing was there, or a leftover in the work directory
        }
    }
}
