package org.relops.imaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The SSH server the seed image pins (dropbear-bin and the library packages it loads), for tests. */
public final class SshServerPins {

    public static final ImageInput DROPBEAR = ImageInput.of(InputKind.SSH_SERVER, "dropbear-bin",
            "2022.83-1+deb12u3", "44ac9aaae0105bca66ea4d457852bf97020ccab33d5c088b0e5c8668891290a0");
    public static final List<ImageInput> LIBRARIES = List.of(
            library("libc6", "2.36-9+deb12u14", "ba4f88f73dbc3ae9055f3c20f4523bfdbaf1ad13ff95e258924f77d20b4fbedf"),
            library("libcrypt1", "1:4.4.33-2", "f5f60a5cdfd4e4eaa9438ade5078a57741a7a78d659fcb0c701204f523e8bd29"),
            library("libtomcrypt1", "1.18.2-6", "dc5e1105c6428277dc2d90263295c8409141541f4e30f55fe490207fdb8df645"),
            library("libtommath1", "1.2.0-6+deb12u1",
                    "9ee19bf48bd80f903cd1ad64c1231198b1b1e5e2d3c2427fcd946916644424fa"),
            library("libgmp10", "2:6.2.1+dfsg1-1.1",
                    "187aedef2ed763f425c1e523753b9719677633c7eede660401739e9c893482bd"),
            library("zlib1g", "1:1.2.13.dfsg-1+deb12u1",
                    "ad9f1ea0537a32c9eaecc619563a9db596a5dee33afce8393b1083f22d301e1d"));

    private SshServerPins() {
    }

    /** The SSH server and its libraries as image inputs, in the order a version pins them. */
    public static List<ImageInput> inputs() {
        List<ImageInput> inputs = new ArrayList<>(List.of(DROPBEAR));
        inputs.addAll(LIBRARIES);
        return inputs;
    }

    /** The {@code sshServer} field of a new version's REST body. */
    public static Map<String, Object> json() {
        return Map.of("name", DROPBEAR.packageName, "version", DROPBEAR.packageVersion, "sha256", DROPBEAR.sha256,
                "libraries", LIBRARIES.stream().map(library -> Map.of("name", library.packageName,
                        "version", library.packageVersion, "sha256", library.sha256)).toList());
    }

    private static ImageInput library(String name, String version, String sha256) {
        return ImageInput.of(InputKind.SHARED_LIBRARY, name, version, sha256);
    }
}
