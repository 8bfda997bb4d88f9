package org.relops.e2e;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.relops.testing.LocalNetwork;

/**
 * All five services as separate processes against the real PostgreSQL and RabbitMQ, each with its
 * own end-to-end database ({@code relops_e2e_<service>}) and all on the vhost {@code relops-e2e}
 * (which {@code ./relops test} creates fresh). Ports 19080-19084 keep clear of a running demo.
 */
final class RelopsStack {

    /** Suffix of the databases and vhost, as {@code ./relops test} made them (RELOPS_TEST_NAMESPACE). */
    static final String NAMESPACE = System.getenv().getOrDefault("RELOPS_TEST_NAMESPACE", "");
    static final String VHOST = "relops-e2e" + NAMESPACE;
    static final String ZONE = "e2e.relops.example";
    static final int DNS_PORT = 19053;
    /** The environment's network: its own namespace, and an uplink clear of the local stack's and the unit tests'. */
    static final String NETWORK_NAMESPACE = "relops-e2e" + NAMESPACE;
    static final String UPLINK = "10.254.201.0/30";

    private static RelopsStack shared;

    private final Path root = Path.of(System.getProperty("relops.root", "..")).toAbsolutePath().normalize();
    private final Path logs = root.resolve("e2e-tests/target/service-logs");
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final LocalNetwork network = LocalNetwork.ofInventory(NETWORK_NAMESPACE, UPLINK, inventory());

    RelopsStack() {
        String servicesAddress = network.servicesAddress();
        add("request-service", 19080);
        add("inventory-service", 19081)
                .with("relops.inventory.file", inventory().toString());
        add("imaging-service", 19082)
                .with("relops.imaging.data-dir", root.resolve("e2e-tests/target/imaging").toString())
                .with("relops.imaging.network.namespace", NETWORK_NAMESPACE)
                .with("relops.imaging.network.services-address", servicesAddress)
                .with("relops.imaging.network.search-domain", ZONE)
                // slavealloc unqualified: the machines resolve it through their search path.
                .with("relops.imaging.boot.gettac-url", "http://slavealloc:19084/gettac/{hostname}")
                // TCG boots on a loaded 2-core machine can take minutes; a killed VM is noticed at once anyway.
                .with("relops.imaging.provisioning.boot-deadline", "300s")
                .with("relops.imaging.provisioning.heartbeat-timeout", "60s");
        add("dns-service", 19083)
                .with("relops.dns.zone", ZONE)
                .with("relops.dns.server.host", "127.0.0.1")
                .with("relops.dns.server.port", String.valueOf(DNS_PORT))
                .with("relops.dns.server.machine-listeners", servicesAddress + ":53")
                .with("relops.dns.zone.service-names.slavealloc", servicesAddress)
                .with("relops.dns.zone.service-names.boot", servicesAddress);
        add("slavealloc-service", 19084)
                .with("relops.slavealloc.auth.operator-token", "e2e-operator-token")
                .with("relops.slavealloc.secrets.key", "ZTJlLXNsYXZlYWxsb2Mta2V5LTAxMjM0NTY3ODlhYmM=")
                // the tests themselves read tacs from this host; machines read theirs from their own addresses
                .with("relops.slavealloc.tac.open-to", "127.0.0.1/32");
    }

    private ServiceProcess add(String name, int port) {
        String database = "relops_e2e_" + name.substring(0, name.indexOf('-')) + NAMESPACE;
        ServiceProcess service = new ServiceProcess(name, root, port, logs)
                .with("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + database)
                .with("quarkus.datasource.username", "relops")
                .with("quarkus.datasource.password", "relops")
                .with("relops.bus.host", "127.0.0.1")
                .with("relops.bus.port", "5672")
                .with("relops.bus.virtual-host", VHOST);
        services.put(name, service);
        return service;
    }

    /**
     * The one stack every end-to-end test class in this JVM shares (a boot of five services costs
     * tens of seconds); stopped when the JVM exits.
     */
    static synchronized RelopsStack shared() {
        if (shared == null) {
            RelopsStack stack = new RelopsStack();
            stack.start();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop));
            shared = stack;
        }
        return shared;
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    String url(String name) {
        return services.get(name).url();
    }

    private Path inventory() {
        return root.resolve("e2e-tests/src/test/resources/inventory-e2e.yaml");
    }

    LocalNetwork network() {
        return network;
    }

    /** Brings the environment's network up, starts every service at once and waits until all are ready. */
    void start() {
        network.up();
        List<ServiceProcess> all = List.copyOf(services.values());
        all.forEach(ServiceProcess::start);
        try {
            all.forEach(ServiceProcess::awaitReady);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    void stop() {
        services.values().forEach(ServiceProcess::stop);
        network.down();
    }

    Path root() {
        return root;
    }
}
