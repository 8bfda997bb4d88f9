package org.relops.imaging.build;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.relops.imaging.ImageInput;
import org.relops.imaging.InputKind;

/**
 * Builds a netboot image from pinned inputs: the kernel out of the Debian kernel package, and an
 * initramfs of busybox, the kernel modules the boot agent loads, the agent itself, the version's role
 * and, when the version pins one, the SSH server with the shared libraries it loads. The build is
 * deterministic: the same inputs give byte-identical artifacts and digest.
 */
public class NetbootImageBuilder {

    /** The build recipe's revision; part of every digest, raised whenever the recipe changes its output. */
    public static final String RECIPE = "netboot-4";

    /**
     * The modules the agent loads, in load order (each after the ones it needs): virtio network, then the
     * virtio disk and the ext4 file system of the persistent data disk.
     */
    static final List<String> MODULES = List.of(
            "drivers/virtio/virtio_ring", "drivers/virtio/virtio", "drivers/virtio/virtio_pci_modern_dev",
            "drivers/virtio/virtio_pci_legacy_dev", "drivers/virtio/virtio_pci", "net/core/failover",
            "drivers/net/net_failover", "drivers/net/virtio_net", "drivers/block/virtio_blk", "lib/crc16",
            "fs/mbcache", "fs/jbd2/jbd2", "crypto/crc32c_generic", "fs/ext4/ext4");

    private static final Duration EXTRACT_TIMEOUT = Duration.ofMinutes(3);

    private final PackageCache packages;

    public NetbootImageBuilder(PackageCache packages) {
        this.packages = packages;
    }

    /** Builds the image into {@code target} ({@code vmlinuz} and {@code initrd.img}) and returns its digest. */
    public BuiltImage build(String role, List<ImageInput> inputs, Path target) {
        ImageInput kernel = only(inputs, InputKind.KERNEL);
        ImageInput busybox = only(inputs, InputKind.BUSYBOX);
        Optional<ImageInput> sshServer = optional(inputs, InputKind.SSH_SERVER);
        List<ImageInput> libraries = inputs.stream().filter(input -> input.kind == InputKind.SHARED_LIBRARY).toList();
        if (sshServer.isEmpty() && !libraries.isEmpty()) {
            throw new BuildException("a version pins shared libraries only for its SSH server, and pins none");
        }
        // Every input is fetched and verified before any work is done with one of them.
        inputs.forEach(packages::fetch);
        String release = kernel.packageName.substring("linux-image-".length());
        List<String> members = new ArrayList<>();
        members.add("./boot/vmlinuz-" + release);
        MODULES.forEach(module -> members.add("./lib/modules/" + release + "/kernel/" + module + ".ko"));
        Path kernelFiles = packages.extracted(kernel, members, EXTRACT_TIMEOUT);
        Path busyboxFiles = packages.extracted(busybox, List.of("./bin/busybox"), EXTRACT_TIMEOUT);
        try {
            Files.createDirectories(target);
            Path vmlinuz = target.resolve("vmlinuz");
            Files.copy(kernelFiles.resolve("boot/vmlinuz-" + release), vmlinuz, StandardCopyOption.REPLACE_EXISTING);
            Path initrd = target.resolve("initrd.img");
            CpioArchive archive = initramfs(role, inputs, kernelFiles, busyboxFiles, release);
            if (sshServer.isPresent()) {
                new SshServerFiles(packages, EXTRACT_TIMEOUT).addTo(archive, sshServer.get(), libraries);
            }
            writeInitramfs(archive, initrd);
            String digest = "sha256:" + Sha256.of("recipe " + RECIPE + "\nkernel " + Sha256.of(vmlinuz)
                    + "\ninitrd " + Sha256.of(initrd) + "\n");
            return new BuiltImage(digest, vmlinuz, initrd);
        } catch (IOException e) {
            throw new BuildException("cannot assemble the image: " + e.getMessage(), e);
        }
    }

    private CpioArchive initramfs(String role, List<ImageInput> inputs, Path kernelFiles, Path busyboxFiles,
            String release)
            throws IOException {
        CpioArchive archive = new CpioArchive();
        for (String directory : List.of("bin", "dev", "proc", "sys", "tmp", "run", "mnt/data", "etc/relops")) {
            archive.directory(directory);
        }
        archive.characterDevice("dev/console", 0600, 5, 1);
        archive.characterDevice("dev/null", 0666, 1, 3);
        archive.file("bin/busybox", 0755, Files.readAllBytes(busyboxFiles.resolve("bin/busybox")));
        StringBuilder order = new StringBuilder();
        for (String module : MODULES) {
            String name = module.substring(module.lastIndexOf('/') + 1);
            archive.file("lib/modules/" + name + ".ko", 0644, Files.readAllBytes(
                    kernelFiles.resolve("lib/modules/" + release + "/kernel/" + module + ".ko")));
            order.append(name).append('\n');
        }
        archive.file("etc/relops/modules", 0644, bytes(order.toString()));
        archive.file("etc/relops/role", 0644, bytes(role + "\n"));
        StringBuilder manifest = new StringBuilder("recipe " + RECIPE + "\n");
        inputs.forEach(input -> manifest.append(input.kind.name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                .append(input.packageName).append(' ').append(input.packageVersion).append(' ')
                .append(input.sha256).append('\n'));
        archive.file("etc/relops/inputs", 0644, bytes(manifest.toString()));
        archive.file("init", 0755, resource("init"));
        archive.file("etc/relops/udhcpc.script", 0755, resource("udhcpc.script"));
        return archive;
    }

    private static void writeInitramfs(CpioArchive archive, Path initrd) throws IOException {
        // GZIPOutputStream writes no file name and a zero timestamp: the same bytes every time (like gzip -n).
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(initrd));
                GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16) {
                    {
                        def.setLevel(Deflater.BEST_COMPRESSION);
                    }
                }) {
            archive.writeTo(gzip);
        }
    }

    private static Optional<ImageInput> optional(List<ImageInput> inputs, InputKind kind) {
        List<ImageInput> matching = inputs.stream().filter(input -> input.kind == kind).toList();
        if (matching.size() > 1) {
            throw new BuildException("a version can pin one " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " input at most, it has " + matching.size());
        }
        return matching.stream().findFirst();
    }

    private static ImageInput only(List<ImageInput> inputs, InputKind kind) {
        List<ImageInput> matching = inputs.stream().filter(input -> input.kind == kind).toList();
        if (matching.size() != 1) {
            throw new BuildException("a version needs exactly one " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " input, it has " + matching.size());
        }
        return matching.get(0);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = NetbootImageBuilder.class.getResourceAsStream("/boot-agent/" + name)) {
            if (in == null) {
                throw new BuildException("the boot agent's " + name + " is missing from imaging-service");
            }
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A built image: its digest and its two artifacts. */
    public record BuiltImage(String digest, Path kernel, Path initrd) {
    }
}
