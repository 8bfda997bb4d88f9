package org.relops.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A libvirt daemon for the libvirt machines of one environment in tests, made by the project's own
 * {@code scripts/libvirt-session.sh}: a {@code qemu:///session} libvirtd of the unprivileged user
 * {@code relops-libvirt} in the environment's network namespace, its state under
 * {@code /var/lib/relops-lv/<namespace>}.
 */
public record LibvirtSession(String namespace) {

    private static final Path BASE = Path.of(System.getenv().getOrDefault("RELOPS_LIBVIRT_DIR",
            "/var/lib/relops-lv"));
    public static final String USER = "relops-libvirt";

    /** Starts the daemon (idempotent; the namespace must exist). */
    public LibvirtSession up() {
        run("up");
        return this;
    }

    /** Restarts the daemon alone, as an upgrade of it would: its domains run on. */
    public LibvirtSession restart() {
        run("restart");
        return this;
    }

    /** Stops the daemon and its domains, and removes every domain, volume and console it had. */
    public void purge() {
        run("purge");
    }

    public Path state() {
        return BASE.resolve(namespace);
    }

    public String uri() {
        return "qemu+unix:///session?socket=" + state().resolve("r/libvirt/libvirt-sock");
    }

    /** What imaging-service needs to run its libvirt machines on this daemon. */
    public Map<String, String> imagingConfig() {
        return Map.of("relops.imaging.libvirt.uri", uri(),
                "relops.imaging.libvirt.pool-dir", state().resolve("pool").toString(),
                "relops.imaging.libvirt.console-dir", state().resolve("consoles").toString(),
                "relops.imaging.libvirt.tap-owner", USER);
    }

    /** Runs {@code virsh} on the daemon, as an operator would; its output. */
    public String virsh(String... command) {
        List<String> line = new java.util.ArrayList<>(List.of("virsh", "-q", "-c", uri()));
        line.addAll(List.of(command));
        return LocalNetwork.run(line, false);
    }

    private void run(String command) {
        LocalNetwork.run(List.of("bash", LocalNetwork.script().resolveSibling("libvirt-session.sh").toString(),
                command, namespace), true);
    }
}
