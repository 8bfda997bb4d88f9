package org.relops.imaging.service;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.relops.imaging.ImageInput;
import org.relops.imaging.InputKind;

/**
 * Checks what a new image version pins before it is recorded: Debian package names and versions the
 * build can fetch, sha256 digests, a role name. Wrong input is refused with a message saying which.
 */
public final class PinnedInputs {

    private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]{1,99}");
    private static final Pattern VERSION = Pattern.compile("[0-9][A-Za-z0-9.+~:-]{0,99}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private PinnedInputs() {
    }

    /** The version's inputs in build order, or an {@link IllegalArgumentException} naming the bad field. */
    public static List<ImageInput> of(String role, Pin kernel, Pin busybox) {
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
        return List.of(kernelInput, busyboxInput);
    }

    private static ImageInput input(InputKind kind, String field, Pin pin) {
        if (pin == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        String name = pin.name() == null || pin.name().isBlank()
                ? (kind == InputKind.BUSYBOX ? "busybox-static" : null)
                : pin.name();
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

    /** A package as a caller pins it. */
    public record Pin(String name, String version, String sha256) {
    }
}
