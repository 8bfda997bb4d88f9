package org.relops.imaging.service;

import org.relops.imaging.ProvisioningOperation;

/** The iPXE scripts imaging-service hands out. */
final class IpxeScript {

    private IpxeScript() {
    }

    /**
     * Boots one provisioning operation's image, with what its boot agent needs on the kernel command line. A real
     * image ({@code rootSha256} present) is also told where its root file system is and its sha256, and where
     * slavealloc-service is (a master takes its workers from there).
     */
    static String boot(ProvisioningOperation op, String baseUrl, String tacUrl, String slaveallocUrl,
            java.util.Optional<String> rootSha256, String kernelArguments, long heartbeatSeconds) {
        String artifacts = artifactsUrl(baseUrl, op.imageDigest);
        return "#!ipxe\n"
                + "echo relops: booting " + op.hostname + " with " + op.imageLabel() + "\n"
                + "kernel " + artifacts + "/vmlinuz initrd=initrd.img "
                + commandLine(op, baseUrl, tacUrl, slaveallocUrl, rootSha256, kernelArguments, heartbeatSeconds)
                + " || goto failed\n"
                + "initrd " + artifacts + "/initrd.img || goto failed\n"
                + "boot || goto failed\n"
                + ":failed\n"
                + "echo relops: could not load the image; giving up\n"
                + "exit 1\n";
    }

    /**
     * What the boot agent of one provisioning operation reads from its kernel command line: the operator's kernel
     * arguments, where imaging-service is, the machine's name and one-time boot token, its image, tac and heartbeat,
     * and for a real image its root file system and slavealloc-service. The same whether iPXE or the VM's own
     * firmware loads the kernel.
     */
    static String commandLine(ProvisioningOperation op, String baseUrl, String tacUrl, String slaveallocUrl,
            java.util.Optional<String> rootSha256, String kernelArguments, long heartbeatSeconds) {
        String artifacts = artifactsUrl(baseUrl, op.imageDigest);
        String root = rootSha256.map(sha -> " relops.root=" + artifacts + "/root.squashfs relops.root_sha256=" + sha
                + " relops.slavealloc=" + slaveallocUrl).orElse("");
        return kernelArguments + " relops.url=" + baseUrl + " relops.host=" + op.hostname + " relops.token="
                + op.bootToken + " relops.digest=" + op.imageDigest + " relops.tac=" + tacUrl + " relops.beat="
                + heartbeatSeconds + root;
    }

    private static String artifactsUrl(String baseUrl, String imageDigest) {
        return baseUrl + "/boot/artifacts/" + imageDigest.substring("sha256:".length());
    }

    /**
     * Boots a decommissioned machine's wipe step: the wipe image's boot agent zeroes the machine's volume,
     * reports it with the step's one-time token, and powers the machine off.
     */
    static String wipe(String hostname, String imageDigest, String baseUrl, String token, String kernelArguments) {
        String artifacts = baseUrl + "/boot/artifacts/" + imageDigest.substring("sha256:".length());
        return "#!ipxe\n"
                + "echo relops: booting the wipe step of " + hostname + "\n"
                + "kernel " + artifacts + "/vmlinuz initrd=initrd.img " + kernelArguments
                + " relops.url=" + baseUrl + " relops.host=" + hostname + " relops.wipe=" + token
                + " relops.digest=" + imageDigest + " || goto failed\n"
                + "initrd " + artifacts + "/initrd.img || goto failed\n"
                + "boot || goto failed\n"
                + ":failed\n"
                + "echo relops: could not load the wipe step; giving up\n"
                + "exit 1\n";
    }

    /** Tells a machine relops will not image it, and ends its network boot. */
    static String refusal(String why) {
        return "#!ipxe\n"
                + "echo relops: " + why.replace('\n', ' ') + "; not imaging this machine\n"
                + "exit 1\n";
    }
}
