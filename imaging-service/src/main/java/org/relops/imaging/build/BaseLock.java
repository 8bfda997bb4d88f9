package org.relops.imaging.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.relops.imaging.ImageInput;
import org.relops.imaging.InputKind;

/**
 * A real image's base as {@code images/lock.sh} writes it ({@code images/bases/<base>.lock}): the Debian
 * suite and architecture, the kernel and busybox of the initramfs, and every package of the root, each by
 * name, version, architecture and sha256. The same text comes back out of a version's recorded inputs, so
 * an old version rebuilds from its own pins, whatever the repository's lock says by then.
 */
public record BaseLock(String name, String suite, String architecture, List<ImageInput> inputs) {

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+.~:_-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern BASE_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,99}");

    /** Reads a base's lock file; a malformed one is refused with its line number. */
    public static BaseLock read(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".lock") ? fileName.substring(0, fileName.length() - 5) : fileName;
        try {
            return parse(name, Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the base lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** The base a name means in an images directory ({@code <dir>/bases/<name>.lock}). */
    public static BaseLock named(Path imagesDirectory, String name) {
        if (name == null || !BASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("base '" + name + "' is not a base name (like bookworm-slave)");
        }
        Path file = imagesDirectory.resolve("bases").resolve(name + ".lock");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("there is no base '" + name + "': " + file + " does not exist "
                    + "(make it with images/lock.sh " + name + ")");
        }
        return read(file);
    }

    public static BaseLock parse(String name, String text) {
        String suite = null;
        String architecture = null;
        List<ImageInput> inputs = new ArrayList<>();
        Set<String> packages = new HashSet<>();
        int number = 0;
        for (String raw : text.split("\n", -1)) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            switch (words[0]) {
                case "suite" -> suite = single(words, number);
                case "architecture" -> architecture = single(words, number);
                case "kernel", "busybox", "package" -> {
                    if (words.length != 5 || !WORD.matcher(words[1]).matches() || !WORD.matcher(words[2]).matches()
                            || !WORD.matcher(words[3]).matches() || !SHA256.matcher(words[4]).matches()) {
                        throw malformed(number, "expected '" + words[0] + " NAME VERSION ARCHITECTURE SHA256'");
                    }
                    InputKind kind = switch (words[0]) {
                        case "kernel" -> InputKind.KERNEL;
                        case "busybox" -> InputKind.BUSYBOX;
                        default -> InputKind.PACKAGE;
                    };
                    if (kind == InputKind.PACKAGE && !packages.add(words[1] + ":" + words[3])) {
                        throw malformed(number, "package " + words[1] + " is pinned twice");
                    }
                    inputs.add(ImageInput.of(kind, words[1], words[2], words[3], words[4]));
                }
                default -> throw malformed(number, "unknown entry '" + words[0]
                        + "' (allowed: suite, architecture, kernel, busybox, package)");
            }
        }
        if (suite == null || architecture == null) {
            throw new IllegalArgumentException("base lock " + name + " names no suite or no architecture");
        }
        for (InputKind kind : List.of(InputKind.KERNEL, InputKind.BUSYBOX)) {
            long count = inputs.stream().filter(input -> input.kind == kind).count();
            if (count != 1) {
                throw new IllegalArgumentException("base lock " + name + " must pin exactly one "
                        + kind.name().toLowerCase(Locale.ROOT) + ", it pins " + count);
            }
        }
        if (packages.isEmpty()) {
            throw new IllegalArgumentException("base lock " + name + " pins no package for the root");
        }
        return new BaseLock(name, suite, architecture, List.copyOf(inputs));
    }

    /** The lock file's text for these pins: what {@code images/build.sh} reads. */
    public static String text(String name, String suite, String architecture, List<ImageInput> inputs) {
        StringBuilder text = new StringBuilder("# relops base lock: ").append(name).append('\n')
                .append("suite ").append(suite).append('\n')
                .append("architecture ").append(architecture).append('\n');
        for (ImageInput input : inputs) {
            String entry = switch (input.kind) {
                case KERNEL -> "kernel";
                case BUSYBOX -> "busybox";
                case PACKAGE -> "package";
                default -> null;
            };
            if (entry != null) {
                text.append(entry).append(' ').append(input.packageName).append(' ').append(input.packageVersion)
                        .append(' ').append(input.architecture).append(' ').append(input.sha256).append('\n');
            }
        }
        return text.toString();
    }

    private static String single(String[] words, int number) {
        if (words.length != 2 || !WORD.matcher(words[1]).matches()) {
            throw malformed(number, "expected '" + words[0] + " VALUE'");
        }
        return words[1];
    }

    private static IllegalArgumentException malformed(int line, String why) {
        return new IllegalArgumentException("base lock line " + line + ": " + why);
    }
}
