package org.relops.imaging.provider.libvirt;

import java.nio.file.Path;
import java.util.Optional;

import org.relops.imaging.provider.BootSpec;

/**
 * The libvirt definitions of one machine: a qemu domain shaped like the qemu provider's machines (same memory,
 * CPU, bounded TCG translation cache, virtio NIC on a tap of its segment that network-boots through iPXE, a
 * persistent virtio data disk, serial console to a file, no reboot: a guest that reboots or powers off ends),
 * and its data volume in the storage pool.
 */
final class LibvirtDomainXml {

    private LibvirtDomainXml() {
    }

    /** The machine's shape: what it gets from the host. */
    record Shape(String emulator, String accel, int memoryMib, int tcgTranslationCacheMib) {
    }

    /** The domain; a domain redefined keeps its UUID (libvirt refuses a new one for a defined name). */
    static String domain(BootSpec spec, String name, Optional<String> uuid, String tap, String pool, String volume,
            Optional<Path> console, Shape shape) {
        boolean kvm = "kvm".equals(shape.accel());
        String features = kvm ? "<acpi/>"
                : "<acpi/><tcg><tb-cache unit='MiB'>" + shape.tcgTranslationCacheMib() + "</tb-cache></tcg>";
        String serial = console.map(path -> "<serial type='file'><source path='" + escape(path.toString())
                + "'/><target port='0'/></serial>").orElse("<serial type='null'/>");
        return """
                <domain type='%s'>
                  <name>%s</name>%s
                  <description>relops machine %s: %s:%d (%s), role %s</description>
                  <memory unit='MiB'>%d</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='network'/></os>
                  <features>%s</features>
                  %s
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>destroy</on_reboot>
                  <on_crash>destroy</on_crash>
                  <devices>
                    <emulator>%s</emulator>
                    <disk type='volume' device='disk'>
                      <driver name='qemu' type='raw'/>
                      <source pool='%s' volume='%s'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <interface type='ethernet'>
                      <mac address='%s'/>
                      <target dev='%s' managed='no'/>
                      <model type='virtio'/>
                    </interface>
                    %s
                    <controller type='usb' model='none'/>
                    <memballoon model='none'/>
                  </devices>
                </domain>
                """.formatted(kvm ? "kvm" : "qemu", escape(name),
                uuid.map(id -> "\n  <uuid>" + escape(id) + "</uuid>").orElse(""), escape(spec.hostname()), escape(spec.imageName()),
                spec.imageVersion(), escape(spec.imageDigest()), escape(spec.role()), shape.memoryMib(), features,
                kvm ? "<cpu mode='host-passthrough'/>" : "<cpu mode='maximum' migratable='off'/>", escape(shape.emulator()), escape(pool), escape(volume),
                escape(spec.mac()), escape(tap), serial);
    }

    static String volume(String name, int sizeMib) {
        // sparse: the volume takes the host's disk only as the machine writes to it
        return """
                <volume>
                  <name>%s</name>
                  <capacity unit='MiB'>%d</capacity>
                  <allocation>0</allocation>
                  <target><format type='raw'/></target>
                </volume>
                """.formatted(escape(name), sizeMib);
    }

    static String pool(String name, Path directory) {
        return """
                <pool type='dir'>
                  <name>%s</name>
                  <target><path>%s</path></target>
                </pool>
                """.formatted(escape(name), escape(directory.toString()));
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;");
    }
}
