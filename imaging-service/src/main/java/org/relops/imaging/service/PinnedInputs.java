package org.relops.imaging.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.relops.imaging.ImageInput;
import org.relops.imaging.InputKind;

/**
 * Checks what a new image version pins before it is recorded: Debian package names and versions the
 * build can fetch, sha256 digests, a role name, and the optional SSH server with its shared libraries.
 * Wrong input is refused with a message saying which field is wrong.
 */
public final class PinnedInputs {

    private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]{1,99}");
    private static final Pattern VERSION = Pattern.compile("[0-9][A-Za-z0-9.+~:-]{0,99}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    /** The SSH server package: the boot agent runs its dropbear and dropbearkey. */
    public static final String SSH_SERVER_PACKAGE = "dropbear-bin";

    private PinnedInputs() {
    }

    /** The inputs of a version without an SSH server. */
    public static List<ImageInput> of(String role, Pin kernel, Pin busybox) {
        return of(role, kernel, busybox, null);
    }

    /**
     * The version's inputs in build order (kernel, busybox, then the SSH server and its libraries when
     * {@code sshServer} is not null), or an {@link IllegalArgumentException} naming the bad field.
     */
    public static List<ImageInput> of(String role, Pin kernel, Pin busybox, SshServerPin sshServer) {
        if (role == null || !ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("role '" + role + "' must be a lower-case name like buildbot-slave");
        }
        ImageInput kernelInput = input(InputKind.KERNEL, "kernel", kernel);
        if (!kernelInput.packageName.startsWith("linux-image-")) {
            throw new IllegalArgumentException("kernel.name '" + kernelInput.packageName
                    + "' is not a Debian kernel package (linux-image-...)");
        }
        ImageInput busyboxInput = input(InputKind.BUSYBOX, "busybox", busybox);
        if (!busyboxInput.packageName.equals("busybox-static")) {
            throw new IllegalArgumentException("busybox.name must be busybox-static (a static busybox is the whole "
                    + "userland of the boot agent)");
        }
        List<ImageInput> inputs = new ArrayList<>(List.of(kernelInput, busyboxInput));
        if (sshServer != null) {
            inputs.addAll(sshServerInputs(sshServer));
        }
        return List.copyOf(inputs);
    }

    private static List<ImageInput> sshServerInputs(SshServerPin server) {
        ImageInput serverInput = input(InputKind.SSH_SERVER, "sshServer",
                new Pin(server.name(), server.version(), server.sha256()));
        if (!serverInput.packageName.equals(SSH_SERVER_PACKAGE)) {
            throw new IllegalArgumentException("sshServer.name must be " + SSH_SERVER_PACKAGE
                    + " (the boot agent runs dropbear)");
        }
        if (server.libraries() == null || server.libraries().isEmpty()) {
            throw new IllegalArgumentException("sshServer.libraries is missing: dropbear is linked dynamically, "
                    + "pin the packages of the shared libraries it loads (libc6, libcrypt1, libtomcrypt1, ...)");
        }
        List<ImageInput> inputs = new ArrayList<>(List.of(serverInput));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < server.libraries().size(); i++) {
            ImageInput library = input(InputKind.SHARED_LIBRARY, "sshServer.libraries[" + i + "]",
                    server.libraries().get(i));
            if (!names.add(library.packageName)) {
                throw new IllegalArgumentException("sshServer.libraries pins " + library.packageName + " twice");
            }
            inputs.add(library);
        }
        return inputs;
    }

    private static ImageInput input(InputKind kind, String field, Pin pin) {
        if (pin == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        String name = pin.name() == null || pin.name().isBlank() ? defaultName(kind) : pin.name();
        if (name == null || !PACKAGE.matcher(name).matches()) {
            throw new IllegalArgumentException(field + ".name '" + name + "' is not a Debian package name");
        }
        if (pin.version() == null || !VERSION.matcher(pin.version()).matches()) {
            throw new IllegalArgumentException(field + ".version '" + pin.version()
                    + "' is not a Debian package version");
        }
        String sha256 = pin.sha256() == null ? null : pin.sha256().toLowerCase(Locale.ROOT);
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException(field + ".sha256 must be 64 hex digits");
        }
        return ImageInput.of(kind, name, pin.version(), sha256);
    }

    /** The package a pin of this kind names when it gives no name: the only one the recipe takes. */
    private static String defaultName(InputKind kind) {
        return switch (kind) {
            case BUSYBOX -> "busybox-static";
            case SSH_SERVER -> SSH_SERVER_PACKAGE;
            default -> null;
        };
    }

    /** A package as a caller pins it. */
    public record Pin(String name, String version, String sha256) {
    }

    /** The SSH server package as a caller pins it, with the library packages its programs load from. */
    public record SshServerPin(String name, String version, String sha256, List<Pin> libraries) {
    }
}
