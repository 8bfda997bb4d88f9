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
 * A real image built from the repository's master base and role, twice from scratch (in two stores that
 * share only the package files), gives one digest: the build is reproducible. A third build of the same pins
 * in a store that has the image already is a copy with that digest, and the artifacts digest to it.
 */
@Tag("slow")
class RootfsImageBuilderTest {

    private static final Path IMAGES = Path.of("..", "images").toAbsolutePath().normalize();
    private static final Path PACKAGES = Path.of(System.getProperty("user.home"), ".cache/relops/imaging/packages");
    private static final Duration BUILD = Duration.ofMinutes(30);

    @TempDir
    Path work;

    @Test
    void shouldGiveOneDigestForTwoBuildsOfOneVersion() throws Exception {
        BaseLock base = BaseLock.named(IMAGES, "bookworm-master");
        Path first = store("first");
        Path second = store("second");

        RootfsImageBuilder.BuiltRoot one = build(base, first, "one");
        RootfsImageBuilder.BuiltRoot two = build(base, second, "two");
        RootfsImageBuilder.BuiltRoot again = build(base, first, "again");

        assertEquals(one.digest(), two.digest(), "two builds from scratch of the same pins");
        assertEquals(one.rootSha256(), two.rootSha256());
        assertEquals(one.digest(), again.digest(), "the stored build of the same pins");
        assertEquals(one.digest(), RootfsImageBuilder.digestOf(work.resolve("two")).digest());
        assertTrue(Files.size(work.resolve("two/root.squashfs")) > 50_000_000, "a real Debian root");
        assertTrue(Files.readString(work.resolve("again.log")).contains("no build needed"));
    }

    private RootfsImageBuilder.BuiltRoot build(BaseLock base, Path store, String name) {
        String role = RoleSnapshots.snapshot(IMAGES, store, "buildbot-master", Duration.ofMinutes(1));
        List<ImageInput> inputs = new ArrayList<>(base.inputs());
        inputs.add(ImageInput.of(InputKind.ROLE, "buildbot-master", "snapshot", role));
        return new RootfsImageBuilder(IMAGES, store, BUILD).build("buildbot-master", base.name(), base.suite(),
                base.architecture(), inputs, work.resolve(name), work.resolve(name + ".log"));
    }

    /** A store of its own that shares the machine's package files (fetched once, by sha256). */
    private Path store(String name) throws Exception {
        Path store = Files.createDirectories(work.resolve("store-" + name));
        Files.createDirectories(PACKAGES);
        Files.createSymbolicLink(store.resolve("packages"), PACKAGES);
        return store;
    }
}
