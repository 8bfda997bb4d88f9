package org.relops.imaging.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Snapshots a Puppet role as a version pins it: {@code images/snapshot-role.sh} writes the role's manifests
 * and the shared modules as a deterministic tar into the store ({@code roles/<sha256>.tar}) and names its
 * sha256. The snapshot, not the repository, is what every later build of the version applies.
 */
public final class RoleSnapshots {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private RoleSnapshots() {
    }

    /** Where the store keeps a role snapshot. */
    public static Path file(Path store, String sha256) {
        return store.resolve("roles").resolve(sha256 + ".tar");
    }

    /** Snapshots a role of the images directory into the store and returns its sha256. */
    public static String snapshot(Path imagesDirectory, Path store, String role, Duration timeout) {
        if (role == null || !ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("role '" + role + "' must be a lower-case name like buildbot-slave");
        }
        if (!Files.isRegularFile(imagesDirectory.resolve("roles").resolve(role).resolve("role.pp"))) {
            throw new IllegalArgumentException("there is no role '" + role + "': " + imagesDirectory.resolve("roles")
                    .resolve(role).resolve("role.pp") + " does not exist");
        }
        try {
            Process process = new ProcessBuilder("bash", imagesDirectory.resolve("snapshot-role.sh").toString(),
                    "--role", role, "--images-dir", imagesDirectory.toString(), "--cas", store.toString())
                    .redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new BuildException("images/snapshot-role.sh did not finish within " + timeout.toSeconds() + " s");
            }
            List<String> lines = new String(output, StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            if (process.exitValue() != 0 || !SHA256.matcher(last).matches()) {
                throw new BuildException("cannot snapshot role " + role + ": " + (last.isEmpty() ? "no output" : last));
            }
            if (!Files.isRegularFile(file(store, last))) {
                throw new BuildException("images/snapshot-role.sh named " + last + " but did not store it");
            }
            return last;
        } catch (IOException e) {
            throw new BuildException("cannot run images/snapshot-role.sh: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException("interrupted while snapshotting role " + role, e);
        }
    }
}
