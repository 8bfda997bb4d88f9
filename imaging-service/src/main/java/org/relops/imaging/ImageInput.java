package org.relops.imaging;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One binary input an image version pins: a Debian package file, by name, version and sha256. */
@Embeddable
public class ImageInput {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InputKind kind;

    @Column(name = "package_name", nullable = false)
    public String packageName;

    @Column(name = "package_version", nullable = false)
    public String packageVersion;

    @Column(nullable = false)
    public String sha256;

    /** The Debian architecture of a package ({@code amd64}, {@code all}); none for a role. */
    public String architecture;

    public static ImageInput of(InputKind kind, String packageName, String packageVersion, String sha256) {
        ImageInput input = new ImageInput();
        input.kind = kind;
        input.packageName = packageName;
        input.packageVersion = packageVersion;
        input.sha256 = sha256;
        return input;
    }

    public static ImageInput of(InputKind kind, String packageName, String packageVersion, String architecture,
            String sha256) {
        ImageInput input = of(kind, packageName, packageVersion, sha256);
        input.architecture = architecture;
        return input;
    }

    /** The package file name as {@code apt-get download} writes it (':' in an epoch becomes %3a). */
    public String debFileName() {
        return packageName + "_" + packageVersion.replace(":", "%3a") + "_"
                + (architecture == null ? "amd64" : architecture) + ".deb";
    }

    @Override
    public String toString() {
        return packageName + "=" + packageVersion + " (sha256 " + sha256 + ")";
    }
}
