package org.relops.imaging.build;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.relops.imaging.ImageInput;
import org.relops.imaging.InputKind;

/**
 * Builds a real image with {@code images/build.sh}: a Debian root from exactly the version's pinned packages
 * (taken from the content-addressed store, never from the mirror) with its Puppet role snapshot applied, as
 * a squashfs, plus the kernel and the initramfs that mounts it. Builds are deterministic, so a finished one is
 * kept in the store by a key of everything that goes into it (the recipe's own files, the pins, the role)
 * and a second build of the same inputs is a copy. The digest is computed here from the artifacts, the same
 * way the script does, and the two must agree.
 */
public class RootfsImageBuilder {

    /** The recipe's revision; part of every digest. */
    public static final String RECIPE = "rootfs-1";

    /** The files a real image's boot fetches, by the names it fetches them under. */
    public static final List<String> ARTIFACTS = List.of("vmlinuz", "initrd.img", "root.squashfs", "role.tar");

    private final Path imagesDirectory;
    private final Path store;
    private final Duration timeout;

    public RootfsImageBuilder(Path imagesDirectory, Path store, Duration timeout) {
        this.imagesDirectory = imagesDirectory;
        this.store = store;
        this.timeout = timeout;
    }

    /** Builds the image into {@code target}; {@code log} receives the build's progress and output. */
    public BuiltRoot build(String role, String base, String suite, String architecture, List<ImageInput> inputs,
            Path target, Path log) {
        ImageInput roleInput = inputs.stream().filter(input -> input.kind == InputKind.ROLE).findFirst()
                .orElseThrow(() -> new BuildException("a real image version needs a role snapshot, it has none"));
        Path roleTar = RoleSnapshots.file(store, roleInput.sha256);
        if (!Files.isRegularFile(roleTar)) {
            throw new BuildException("the snapshot of role " + roleInput.packageName + " (sha256 " + roleInput.sha256
                    + ") is missing from " + store.resolve("roles") + ": the store must keep every snapshot a "
                    + "version pins");
        }
        String lock = BaseLock.text(base, suite, architecture, inputs);
        String key = Sha256.of("recipe " + RECIPE + "\nscripts " + recipeFilesDigest() + "\nrole " + role + " "
                + roleInput.sha256 + "\n" + lock);
        Path cached = store.resolve("images").resolve(key);
        try {
            Files.createDirectories(target);
            Files.createDirectories(log.getParent());
            Files.createDirectories(cached.getParent());
            // One build of a key at a time on this machine, whichever service or test process asks for it.
            try (FileChannel channel = FileChannel.open(cached.getParent().resolve(key + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = channel.lock()) {
                if (!complete(cached)) {
                    buildInto(cached, role, roleTar, lock, log);
                } else {
                    Files.writeString(log, "==> " + key + " is in the store (" + cached + "); no build needed\n");
                }
            }
            for (String name : ARTIFACTS) {
                link(cached.resolve(name), target.resolve(name));
            }
            BuiltRoot built = digestOf(target);
            String reported = Files.readString(cached.resolve("digest"), StandardCharsets.UTF_8).strip();
            if (!reported.equals(built.digest())) {
                throw new BuildException("images/build.sh reported " + reported + " but its artifacts digest to "
                        + built.digest());
            }
            return built;
        } catch (IOException e) {
            throw new BuildException("cannot assemble the image: " + e.getMessage(), e);
        }
    }

    /** A real image's digest from its artifacts: the sha256 of a text naming the recipe and each file's sha256. */
    public static BuiltRoot digestOf(Path directory) {
        String root = Sha256.of(directory.resolve("root.squashfs"));
        String text = "recipe " + RECIPE + "\nkernel " + Sha256.of(directory.resolve("vmlinuz"))
                + "\ninitrd " + Sha256.of(directory.resolve("initrd.img")) + "\nroot " + root
                + "\nrole " + Sha256.of(directory.resolve("role.tar")) + "\n";
        return new BuiltRoot("sha256:" + Sha256.of(text), root);
    }

    private void buildInto(Path cached, String role, Path roleTar, String lock, Path log) throws IOException {
        Path staging = Files.createDirectories(store.resolve("images"))
                .resolve(cached.getFileName() + ".building-" + ProcessHandle.current().pid());
        deleteTree(staging);
        Files.createDirectories(staging);
        Path lockFile = staging.resolve("base.lock");
        Files.writeString(lockFile, lock, StandardCharsets.UTF_8);
        Path out = staging.resolve("out");
        List<String> command = List.of("bash", imagesDirectory.resolve("build.sh").toString(),
                "--lock", lockFile.toString(), "--role", role, "--role-tar", roleTar.toString(),
                "--cas", store.toString(), "--out", out.toString());
        run(command, log);
        if (!complete(out)) {
            throw new BuildException("images/build.sh finished without writing all of " + ARTIFACTS + " and digest");
        }
        deleteTree(cached);
        Files.move(out, cached, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(staging);
    }

    private void run(List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).directory(imagesDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new BuildException("images/build.sh did not finish within " + timeout.toMinutes()
                        + " min (its log: " + log + ")");
            }
            if (process.exitValue() != 0) {
                throw new BuildException("images/build.sh failed (exit " + process.exitValue() + "): " + lastLine(log)
                        + " (its log: " + log + ")");
            }
        } catch (IOException e) {
            throw new BuildException("cannot run images/build.sh: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException("interrupted while building", e);
        }
    }

    /**
     * The digest of the recipe's own files (the build scripts and the initramfs they assemble): everything in
     * the images directory but the bases, roles and modules, which versions pin themselves.
     */
    private String recipeFilesDigest() {
        StringBuilder listing = new StringBuilder();
        try (Stream<Path> files = Files.walk(imagesDirectory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = imagesDirectory.relativize(file);
                String top = relative.getName(0).toString();
                if (!List.of("bases", "roles", "modules", "test").contains(top)) {
                    listing.append(relative).append(' ').append(Sha256.of(file)).append('\n');
                }
            }
        } catch (IOException e) {
            throw new BuildException("cannot read the recipe in " + imagesDirectory + ": " + e.getMessage(), e);
        }
        if (listing.isEmpty()) {
            throw new BuildException("no image recipe in " + imagesDirectory + " (relops.imaging.build.images-dir)");
        }
        return Sha256.of(listing.toString());
    }

    private static boolean complete(Path directory) {
        return Files.isRegularFile(directory.resolve("digest"))
                && ARTIFACTS.stream().allMatch(name -> Files.isRegularFile(directory.resolve(name)));
    }

    /** A hard link where the file system allows one (the artifacts are large and never change), else a copy. */
    private static void link(Path from, Path to) throws IOException {
        Files.deleteIfExists(to);
        try {
            Files.createLink(to, from);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, to);
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
    }

    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A built real image: its digest, and the sha256 of its root its initramfs checks. */
    public record BuiltRoot(String digest, String rootSha256) {
    }
}
