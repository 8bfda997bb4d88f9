package org.relops.imaging.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relops.imaging.ImageInput;
import org.relops.imaging.InputKind;

/**
 * A real image built from the repository's master base and role in the machine's store (the one
 * imaging-service uses, so that a later run or the end-to-end stack finds it there) and again from scratch in
 * a store of its own (sharing only the package files) gives one digest: the build is reproducible. Building
 * the same pins once more in the machine's store is a copy of the stored image, and the artifacts digest to it.
 */
@Tag("slow")
class RootfsImageBuilderTest {

    private static final Path IMAGES = Path.of("..", "images").toAbsolutePath().normalize();
    private static final Path MACHINE_STORE = Path.of(System.getProperty("user.home"), ".cache/relops/imaging");
    private static final Duration BUILD = Duration.ofMinutes(30);

    @TempDir
    Path work;

    @Test
    void shouldGiveOneDigestForTwoBuildsOfOneVersion() throws Exception {
        BaseLock base = BaseLock.named(IMAGES, "bookworm-master");
        Path fresh = freshStore();

        RootfsImageBuilder.BuiltRoot stored = build(base, MACHINE_STORE, "stored");
        RootfsImageBuilder.BuiltRoot scratch = build(base, fresh, "scratch");
        RootfsImageBuilder.BuiltRoot again = build(base, MACHINE_STORE, "again");

        assertTrue(Files.readString(work.resolve("scratch.log")).contains("built sha256:"), "built from scratch");
        assertEquals(stored.digest(), scratch.digest(), "a build from scratch of the same pins");
        assertEquals(stored.rootSha256(), scratch.rootSha256());
        assertEquals(stored.digest(), again.digest(), "the stored build of the same pins");
        assertEquals(stored.digest(), RootfsImageBuilder.digestOf(work.resolve("scratch")).digest());
        assertTrue(Files.size(work.resolve("scratch/root.squashfs")) > 50_000_000, "a real Debian root");
        assertTrue(Files.readString(work.resolve("again.log")).contains("no build needed"));
    }

    private RootfsImageBuilder.BuiltRoot build(BaseLock base, Path store, String name) {
        String role = RoleSnapshots.snapshot(IMAGES, store, "buildbot-master", Duration.ofMinutes(1));
        List<ImageInput> inputs = new ArrayList<>(base.inputs());
        inputs.add(ImageInput.of(InputKind.ROLE, "buildbot-master", "snapshot", role));
        return new RootfsImageBuilder(IMAGES, store, BUILD).build("buildbot-master", base.name(), base.suite(),
                base.architecture(), inputs, work.resolve(name), work.resolve(name + ".log"));
    }

    /** A store of its own with no images, sharing the machine's package files (fetched once, by sha256). */
    private Path freshStore() throws Exception {
        Path store = Files.createDirectories(work.resolve("store-scratch"));
        Files.createDirectories(MACHINE_STORE.resolve("packages"));
        Files.createSymbolicLink(store.resolve("packages"), MACHINE_STORE.resolve("packages"));
        return store;
    }
}
