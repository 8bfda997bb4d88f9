package org.relops.imaging.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.relops.imaging.ImageInput;

/**
 * Puts an image's SSH server into its initramfs: dropbear and dropbearkey out of the pinned dropbear-bin,
 * and out of the pinned library packages exactly the shared objects those programs load (followed through
 * each file's {@code DT_NEEDED}), plus the program interpreter at the path the programs name. A library the
 * programs need that no pinned package has, or a pinned package they need nothing from, fails the build.
 */
final class SshServerFiles {

    /** The programs the boot agent runs, as dropbear-bin installs them and where they go in the image. */
    static final List<String> PROGRAMS = List.of("usr/sbin/dropbear", "usr/bin/dropbearkey");

    /** Where a Debian library package keeps the shared objects the loader finds by default. */
    private static final List<String> LIBRARY_DIRECTORIES = List.of("lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu");

    /** Where every library goes in the image: the loader's default directory. */
    private static final String IMAGE_LIBRARY_DIRECTORY = "lib/x86_64-linux-gnu";

    private static final int MAX_LINK_HOPS = 8;

    private final PackageCache packages;
    private final Duration timeout;

    SshServerFiles(PackageCache packages, Duration timeout) {
        this.packages = packages;
        this.timeout = timeout;
    }

    /** Adds the server's programs, the libraries they load and their interpreter to the archive. */
    void addTo(CpioArchive archive, ImageInput server, List<ImageInput> libraries) throws IOException {
        Path serverFiles = packages.extracted(server, PROGRAMS.stream().map(path -> "./" + path).toList(), timeout);
        Map<ImageInput, Path> libraryFiles = new LinkedHashMap<>();
        for (ImageInput library : libraries) {
            libraryFiles.put(library, packages.extractedMatching(library, "*.so*", timeout));
        }
        Deque<String> wanted = new ArrayDeque<>();
        Set<String> interpreters = new TreeSet<>();
        for (String program : PROGRAMS) {
            Path file = serverFiles.resolve(program);
            archive.file(program, 0755, Files.readAllBytes(file));
            ElfFile elf = ElfFile.read(file);
            wanted.addAll(elf.needed());
            elf.interpreter().ifPresent(interpreter -> {
                interpreters.add(interpreter);
                wanted.add(interpreter.substring(interpreter.lastIndexOf('/') + 1));
            });
        }
        Set<String> added = new LinkedHashSet<>();
        Set<ImageInput> used = new LinkedHashSet<>();
        while (!wanted.isEmpty()) {
            String soname = wanted.removeFirst();
            if (!added.add(soname)) {
                continue;
            }
            Provider provider = providerOf(soname, libraryFiles, server);
            used.add(provider.input());
            archive.file(IMAGE_LIBRARY_DIRECTORY + "/" + soname, 0755, Files.readAllBytes(provider.file()));
            wanted.addAll(ElfFile.read(provider.file()).needed());
        }
        for (String interpreter : interpreters) {
            String inImage = "/" + IMAGE_LIBRARY_DIRECTORY + interpreter.substring(interpreter.lastIndexOf('/'));
            if (!interpreter.equals(inImage)) {
                archive.symlink(interpreter, inImage);
            }
        }
        for (ImageInput library : libraries) {
            if (!used.contains(library)) {
                throw new BuildException("shared library " + library.packageName + "=" + library.packageVersion
                        + " has nothing the SSH server needs (it loads " + String.join(", ", added) + ")");
            }
        }
    }

    /** The one pinned library package that has a shared object, and its file (links followed). */
    private static Provider providerOf(String soname, Map<ImageInput, Path> libraryFiles, ImageInput server)
            throws IOException {
        Provider found = null;
        for (Map.Entry<ImageInput, Path> library : libraryFiles.entrySet()) {
            for (String directory : LIBRARY_DIRECTORIES) {
                Path file = resolved(library.getValue(), directory + "/" + soname);
                if (file == null) {
                    continue;
                }
                if (found != null && !found.input().equals(library.getKey())) {
                    throw new BuildException(soname + " is in two of the pinned shared libraries: "
                            + found.input().packageName + " and " + library.getKey().packageName);
                }
                if (found == null) {
                    found = new Provider(library.getKey(), file);
                }
            }
        }
        if (found == null) {
            throw new BuildException(server.packageName + " needs " + soname
                    + ", which none of the version's pinned shared libraries has");
        }
        return found;
    }

    /** A path inside an extracted package with its symbolic links followed (inside it); null if no such file. */
    private static Path resolved(Path root, String relative) throws IOException {
        Path path = root.resolve(relative);
        for (int hops = 0; Files.isSymbolicLink(path); hops++) {
            Path target = Files.readSymbolicLink(path);
            path = (target.isAbsolute() ? root.resolve(target.toString().substring(1))
                    : path.getParent().resolve(target)).normalize();
            if (hops == MAX_LINK_HOPS || !path.startsWith(root)) {
                return null;
            }
        }
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? path : null;
    }

    private record Provider(ImageInput input, Path file) {
    }
}
