package org.relops.imaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.relops.model.value.NetworkAttachment;
import org.relops.testing.LibvirtSession;
import org.relops.testing.LocalNetwork;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The test environment's network: one segment, {@code test-a}, as a bridge in the namespace the test
 * profile names; created before imaging-service starts and removed after. Also hands out the network
 * identities inventory-service would assign. A libvirt session daemon runs in that namespace for the libvirt
 * provider's machines.
 */
public class TestNetwork implements QuarkusTestResourceLifecycleManager {

    public static final String SEGMENT = "test-a";
    /** Which addresses this run's network takes (200: uplink 10.254.200.0/30, segment 10.99.1.0/24). */
    private static final int OCTET = Integer.parseInt(System.getenv().getOrDefault("RELOPS_TEST_NETWORK_OCTET", "200"));
    private static final String PREFIX = "10.99." + (OCTET - 199) + ".";
    public static final String CIDR = PREFIX + "0/24";
    public static final String GATEWAY = PREFIX + "1";
    static final LocalNetwork NETWORK = new LocalNetwork(
            "relops-test-imaging" + System.getenv().getOrDefault("RELOPS_TEST_NAMESPACE", ""),
            "10.254." + OCTET + ".0/30", List.of(new LocalNetwork.Segment(SEGMENT, CIDR, GATEWAY)));
    /** The libvirt daemon of the test network, for the libvirt provider's machines. */
    public static final LibvirtSession LIBVIRT = new LibvirtSession(NETWORK.namespace());
    private static final AtomicInteger NEXT_SIMULATED = new AtomicInteger();

    @Override
    public Map<String, String> start() {
        // Machines outlive the service by design: start from a network with nothing left of an earlier run.
        NETWORK.down();
        LIBVIRT.purge();
        NETWORK.up();
        LIBVIRT.up();
        Map<String, String> config = new java.util.HashMap<>(LIBVIRT.imagingConfig());
        config.put("relops.imaging.network.namespace", NETWORK.namespace());
        config.put("relops.imaging.network.services-address", NETWORK.servicesAddress());
        return config;
    }

    @Override
    public void stop() {
        LIBVIRT.purge();
        NETWORK.down();
    }

    /**
     * The identity of a NIC on the test segment: its address follows from the MAC's last byte. No MAC: a
     * fresh identity, as for {@link #simulated()}.
     */
    public static NetworkAttachment attachment(String mac) {
        if (mac == null) {
            return simulated();
        }
        int last = Integer.parseInt(mac.substring(mac.length() - 2), 16);
        return new NetworkAttachment(SEGMENT, CIDR, GATEWAY, mac, PREFIX + (20 + last % 200));
    }

    /** A fresh identity for a simulated machine (no DHCP, so only the address's form matters). */
    public static NetworkAttachment simulated() {
        int n = NEXT_SIMULATED.incrementAndGet();
        return new NetworkAttachment(SEGMENT, CIDR, GATEWAY, String.format("52:54:00:ff:%02x:%02x", n / 256 % 256,
                n % 256), PREFIX + (20 + n % 200));
    }
}
