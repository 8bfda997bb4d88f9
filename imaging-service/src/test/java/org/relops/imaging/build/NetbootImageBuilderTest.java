package org.relops.imaging.build;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relops.imaging.ImageInput;
import org.relops.imaging.InputKind;
import org.relops.imaging.SshServerPins;

class NetbootImageBuilderTest {

    static final ImageInput KERNEL = ImageInput.of(InputKind.KERNEL, "linux-image-6.1.0-47-amd64", "6.1.170-3",
            "e0061f95dbe31f5646e5a29ba9a62293f6b625a70e81fc2b04344d8ab7589c34");
    static final ImageInput BUSYBOX = ImageInput.of(InputKind.BUSYBOX, "busybox-static", "1:1.35.0-4+deb12u1+b1",
            "3d3fdbe91d4660c873e14b092c213fe81c1da6362daa236eb25d0171eb108744");
    static final Path SHARED_CACHE = Path.of(System.getProperty("user.home"), ".cache/relops/imaging/packages");

    static PackageCache cache;

    @BeforeAll
    static void useTheSharedPackageCache() {
        cache = new PackageCache(SHARED_CACHE, Duration.ofMinutes(5));
    }

    @Test
    void shouldBuildByteIdenticalArtifactsFromTheSameInputs(@TempDir Path work) throws IOException {
        NetbootImageBuilder.BuiltImage warm = new NetbootImageBuilder(cache)
                .build("buildbot-slave", List.of(KERNEL, BUSYBOX), work.resolve("first"));
        // A second cache holding only the package files: everything else is done again from scratch.
        Path coldCache = Files.createDirectories(work.resolve("cold-cache"));
        for (ImageInput input : List.of(KERNEL, BUSYBOX)) {
            Files.copy(SHARED_CACHE.resolve(input.sha256 + ".deb"), coldCache.resolve(input.sha256 + ".deb"));
        }
        NetbootImageBuilder.BuiltImage cold = new NetbootImageBuilder(new PackageCache(coldCache,
                Duration.ofMinutes(5))).build("buildbot-slave", List.of(KERNEL, BUSYBOX), work.resolve("second"));

        assertThat(cold.digest(), equalTo(warm.digest()));
        assertArrayEquals(Files.readAllBytes(warm.kernel()), Files.readAllBytes(cold.kernel()));
        assertArrayEquals(Files.readAllBytes(warm.initrd()), Files.readAllBytes(cold.initrd()));
    }

    @Test
    void shouldBuildAnImageWithAnSshServerByteIdenticallyFromTheSameInputs(@TempDir Path work) throws IOException {
        List<ImageInput> inputs = withSshServer();
        NetbootImageBuilder.BuiltImage warm = new NetbootImageBuilder(cache)
                .build("buildbot-slave", inputs, work.resolve("first"));
        Path coldCache = Files.createDirectories(work.resolve("cold-cache"));
        for (ImageInput input : inputs) {
            Files.copy(SHARED_CACHE.resolve(input.sha256 + ".deb"), coldCache.resolve(input.sha256 + ".deb"));
        }
        NetbootImageBuilder.BuiltImage cold = new NetbootImageBuilder(new PackageCache(coldCache,
                Duration.ofMinutes(5))).build("buildbot-slave", inputs, work.resolve("second"));

        assertThat(cold.digest(), equalTo(warm.digest()));
        assertArrayEquals(Files.readAllBytes(warm.initrd()), Files.readAllBytes(cold.initrd()));
        String withoutSsh = new NetbootImageBuilder(cache).build("buildbot-slave", List.of(KERNEL, BUSYBOX),
                work.resolve("without")).digest();
        assertThat(warm.digest(), not(equalTo(withoutSsh)));
    }

    @Test
    void shouldPutTheSshServerAndExactlyTheLibrariesItLoadsIntoTheInitramfs(@TempDir Path work) throws IOException {
        Map<String, InitramfsEntries.Entry> entries = InitramfsEntries.of(new NetbootImageBuilder(cache)
                .build("buildbot-slave", withSshServer(), work.resolve("out")).initrd());

        assertThat(entries.keySet(), hasItems("usr/sbin/dropbear", "usr/bin/dropbearkey"));
        Set<String> libraries = entries.keySet().stream().filter(path -> path.startsWith("lib/x86_64-linux-gnu/"))
                .map(path -> path.substring("lib/x86_64-linux-gnu/".length())).collect(Collectors.toSet());
        assertThat(libraries, equalTo(Set.of("ld-linux-x86-64.so.2", "libc.so.6", "libcrypt.so.1",
                "libtomcrypt.so.1", "libtommath.so.1", "libgmp.so.10", "libz.so.1")));
        InitramfsEntries.Entry loader = entries.get("lib64/ld-linux-x86-64.so.2");
        assertThat(loader.isSymlink(), is(true));
        assertThat(loader.text(), equalTo("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"));
        assertThat(entries.get("etc/relops/inputs").text(),
                containsString("ssh_server dropbear-bin 2022.83-1+deb12u3"));
    }

    @Test
    void shouldPutNoSshServerIntoAnImageThatPinsNone(@TempDir Path work) throws IOException {
        Map<String, InitramfsEntries.Entry> entries = InitramfsEntries.of(new NetbootImageBuilder(cache)
                .build("buildbot-slave", List.of(KERNEL, BUSYBOX), work.resolve("out")).initrd());

        assertThat(entries.keySet(), not(hasItem("usr/sbin/dropbear")));
        assertThat(entries.keySet().stream().noneMatch(path -> path.startsWith("lib/x86_64-linux-gnu")), is(true));
    }

    @Test
    void shouldSayWhichSharedLibraryTheSshServerNeedsAndNoPinnedPackageHas(@TempDir Path work) {
        List<ImageInput> withoutZlib = withSshServer().stream()
                .filter(input -> !input.packageName.equals("zlib1g")).toList();

        BuildException error = assertThrows(BuildException.class, () -> new NetbootImageBuilder(cache)
                .build("buildbot-slave", withoutZlib, work.resolve("out")));
        assertThat(error.getMessage(), containsString(
                "dropbear-bin needs libz.so.1, which none of the version's pinned shared libraries has"));
    }

    @Test
    void shouldRefuseAPinnedSharedLibraryTheSshServerDoesNotLoad(@TempDir Path work) {
        List<ImageInput> inputs = new ArrayList<>(withSshServer());
        inputs.add(ImageInput.of(InputKind.SHARED_LIBRARY, "libzstd1", "1.5.4+dfsg2-5",
                "6315b5ac38b724a710fb96bf1042019398cb656718b1522279a5185ed39318fa"));

        BuildException error = assertThrows(BuildException.class, () -> new NetbootImageBuilder(cache)
                .build("buildbot-slave", inputs, work.resolve("out")));
        assertThat(error.getMessage(), containsString(
                "shared library libzstd1=1.5.4+dfsg2-5 has nothing the SSH server needs"));
    }

    private static List<ImageInput> withSshServer() {
        List<ImageInput> inputs = new ArrayList<>(List.of(KERNEL, BUSYBOX));
        inputs.addAll(SshServerPins.inputs());
        return inputs;
    }

    @Test
    void shouldGiveAnotherDigestForAnotherRole(@TempDir Path work) {
        NetbootImageBuilder builder = new NetbootImageBuilder(cache);
        String slave = builder.build("buildbot-slave", List.of(KERNEL, BUSYBOX), work.resolve("slave")).digest();
        String master = builder.build("buildbot-master", List.of(KERNEL, BUSYBOX), work.resolve("master")).digest();

        assertThat(master, not(equalTo(slave)));
    }

    /** A private cache holding a copy of one verified package file, so a test can fetch the others itself. */
    static PackageCache cacheHoldingOnly(ImageInput input, Path work) throws IOException {
        Path directory = Files.createDirectories(work.resolve("cache"));
        Files.copy(SHARED_CACHE.resolve(input.sha256 + ".deb"), directory.resolve(input.sha256 + ".deb"));
        return new PackageCache(directory, Duration.ofMinutes(5));
    }

    @Test
    void shouldRefuseAnInputWhoseSha256IsNotThePinnedOne(@TempDir Path work) throws IOException {
        ImageInput tampered = ImageInput.of(InputKind.BUSYBOX, BUSYBOX.packageName, BUSYBOX.packageVersion,
                "0".repeat(64));
        NetbootImageBuilder builder = new NetbootImageBuilder(cacheHoldingOnly(KERNEL, work));

        BuildException error = assertThrows(BuildException.class,
                () -> builder.build("buildbot-slave", List.of(KERNEL, tampered), work.resolve("out")));
        assertThat(error.getMessage(), containsString("busybox-static=1:1.35.0-4+deb12u1+b1 does not match its pin"));
        assertThat(error.getMessage(), containsString(BUSYBOX.sha256));
    }

    @Test
    void shouldSayWhichInputCannotBeFetched(@TempDir Path work) throws IOException {
        ImageInput missing = ImageInput.of(InputKind.BUSYBOX, "busybox-static", "0.0.1-relops-none", "0".repeat(64));
        NetbootImageBuilder builder = new NetbootImageBuilder(cacheHoldingOnly(KERNEL, work));

        BuildException error = assertThrows(BuildException.class,
                () -> builder.build("buildbot-slave", List.of(KERNEL, missing), work.resolve("out")));
        assertThat(error.getMessage(), containsString("cannot fetch input busybox-static=0.0.1-relops-none"));
    }
}
