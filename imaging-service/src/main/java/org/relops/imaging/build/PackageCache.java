package org.relops.imaging.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.relops.imaging.ImageInput;

/**
 * The pinned Debian package files a build reads, kept by sha256 in a cache directory. A missing one
 * is fetched with {@code apt-get download name=version} and kept only if its sha256 is the pinned one.
 */
public class PackageCache {

    private final Path directory;
    private final Duration fetchTimeout;

    public PackageCache(Path directory, Duration fetchTimeout) {
        this.directory = directory;
        this.fetchTimeout = fetchTimeout;
    }

    /** The verified package file for an input, fetching it first if the cache lacks it. */
    public Path fetch(ImageInput input) {
        Path cached = directory.resolve(input.sha256 + ".deb");
        if (Files.exists(cached)) {
            if (Sha256.of(cached).equals(input.sha256)) {
                return cached;
            }
            delete(cached);
        }
        Path download = download(input);
        try {
            String actual = Sha256.of(download);
            if (!actual.equals(input.sha256)) {
                throw new BuildException("input " + input.packageName + "=" + input.packageVersion
                        + " does not match its pin: its sha256 is " + actual + ", the version pins " + input.sha256);
            }
            Files.move(download, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return cached;
        } catch (IOException e) {
            throw new BuildException("cannot keep " + input.debFileName() + " in " + directory + ": " + e.getMessage(),
                    e);
        } finally {
            deleteTree(download.getParent());
        }
    }

    /**
     * The given members of an input's package, extracted once and kept beside the package file (keyed by the
     * package's sha256 and the member list), so later builds from the same input skip the decompression.
     */
    public Path extracted(ImageInput input, List<String> members, Duration timeout) {
        return extract(input, String.join("\n", members), members, timeout, staging -> {
            for (String member : members) {
                if (!Files.isRegularFile(staging.resolve(member))) {
                    throw new BuildException(input.packageName + "=" + input.packageVersion + " has no "
                            + member.substring(1));
                }
            }
        });
    }

    /**
     * Every member of an input's package whose path matches a tar wildcard pattern ({@code *} spans
     * directories), extracted once and kept like {@link #extracted}. A package with no such member is refused.
     */
    public Path extractedMatching(ImageInput input, String pattern, Duration timeout) {
        return extract(input, "matching " + pattern, List.of("--wildcards", pattern), timeout, staging -> {
        });
    }

    private Path extract(ImageInput input, String key, List<String> tarArguments, Duration timeout,
            Consumer<Path> check) {
        Path deb = fetch(input);
        Path home = directory.resolve("extracted").resolve(Sha256.of(input.sha256 + "\n" + key));
        if (Files.isDirectory(home)) {
            return home;
        }
        Path staging;
        try {
            Files.createDirectories(home.getParent());
            staging = Files.createTempDirectory(home.getParent(), "extract-");
        } catch (IOException e) {
            throw new BuildException("cannot use the package cache " + directory + ": " + e.getMessage(), e);
        }
        try {
            List<String> tar = new java.util.ArrayList<>(List.of("tar", "-x", "-f", "-", "-C", staging.toString()));
            tar.addAll(tarArguments);
            try {
                Commands.pipe(List.of("dpkg-deb", "--fsys-tarfile", deb.toString()), tar, staging, timeout);
            } catch (BuildException e) {
                throw new BuildException("cannot extract " + key + " from " + input.packageName + "="
                        + input.packageVersion + ": " + e.getMessage(), e);
            }
            check.accept(staging);
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            return home;
        } catch (IOException e) {
            if (Files.isDirectory(home)) {
                return home;
            }
            throw new BuildException("cannot keep the extracted " + input.packageName + ": " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
    }

    private Path download(ImageInput input) {
        Path workspace;
        try {
            Files.createDirectories(directory);
            workspace = Files.createTempDirectory(directory, "fetch-");
        } catch (IOException e) {
            throw new BuildException("cannot use the package cache " + directory + ": " + e.getMessage(), e);
        }
        try {
            Commands.run(List.of("apt-get", "download", "-q", input.packageName + "=" + input.packageVersion),
                    workspace, fetchTimeout);
            try (Stream<Path> files = Files.list(workspace)) {
                return files.filter(file -> file.getFileName().toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new BuildException("apt-get download " + input.packageName
                                + " wrote no package file"));
            }
        } catch (BuildException e) {
            deleteTree(workspace);
            throw new BuildException("cannot fetch input " + input.packageName + "=" + input.packageVersion
                    + " (is it in the configured Debian archives? `apt-get update` may help): " + e.getMessage(), e);
        } catch (IOException e) {
            deleteTree(workspace);
            throw new BuildException("cannot read " + workspace + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new BuildException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new BuildException("cannot remove " + root + ": " + e.getMessage(), e);
        }
    }
}
