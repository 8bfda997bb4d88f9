package org.relops.imaging.provider;

/** The libvirt test-driver domain definition of one simulated machine. */
final class SimulatedDomainXml {

    private SimulatedDomainXml() {
    }

    static String of(BootSpec spec, int memoryMib) {
        String mac = spec.mac() == null ? "" : "<mac address='" + escape(spec.mac()) + "'/>";
        return """
                <domain type='test'>
                  <name>%s</name>
                  <description>relops SIMULATED machine, no guest: %s (%s:%d, digest %s)</description>
                  <memory unit='MiB'>%d</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64'>hvm</type><boot dev='network'/></os>
                  <devices>
                    <interface type='network'><source network='default'/>%s</interface>
                  </devices>
                </domain>
                """.formatted(escape(spec.hostname()), escape(spec.role()), escape(spec.imageName()),
                spec.imageVersion(), escape(spec.imageDigest()), memoryMib, mac);
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;");
    }
}
