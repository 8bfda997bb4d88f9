package org.relops.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.relops.testing.LocalNetwork;
import org.relops.testing.OperatorKey;

/**
 * All five services of one RelOps environment as separate processes against the real PostgreSQL and
 * RabbitMQ, each with its own end-to-end database ({@code relops_e2e_<service>}) and all on the vhost
 * {@code relops-e2e} (which {@code ./relops test} creates fresh), on the environment's own network
 * (namespace, uplink, segments from its inventory file). Ports 19080-19084 keep clear of a running demo;
 * a second environment ({@link #STAGING}) runs beside it on ports of its own. Its operator SSH key pair
 * lives under {@code e2e-tests/target/<environment>/ssh}.
 */
final class RelopsStack {

    /** Suffix of the databases and vhost, as {@code ./relops test} made them (RELOPS_TEST_NAMESPACE). */
    static final String NAMESPACE = System.getenv().getOrDefault("RELOPS_TEST_NAMESPACE", "");

    /** The settings of one environment's stack; uplinks and segments are clear of the local stack's and the unit tests'. */
    record Environment(String name, int portBase, String uplink, String inventoryFile, String zone) {

        String vhost() {
            return "relops-" + name + NAMESPACE;
        }

        String networkNamespace() {
            return "relops-" + name + NAMESPACE;
        }

        String database(String service) {
            return "relops_" + name.replace('-', '_') + "_" + service + NAMESPACE;
        }

        int dnsPort() {
            return portBase - 27;
        }
    }

    static final Environment PRODUCTION = new Environment("e2e", 19080, "10.254.201.0/30", "inventory-e2e.yaml",
            "e2e.relops.example");
    static final Environment STAGING = new Environment("e2e-staging", 19180, "10.254.205.0/30",
            "inventory-e2e-staging.yaml", "staging.e2e.relops.example");
    static final String VHOST = PRODUCTION.vhost();
    static final String ZONE = PRODUCTION.zone();
    static final int DNS_PORT = PRODUCTION.dnsPort();

    private static final Map<Environment, RelopsStack> SHARED = new java.util.HashMap<>();

    private final Environment environment;
    private final Path root = Path.of(System.getProperty("relops.root", "..")).toAbsolutePath().normalize();
    private final Path logs;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final LocalNetwork network;
    /** The environment's operator SSH key pair: imaging-service gives its public half to every machine. */
    private final OperatorKey operatorKey;

    RelopsStack(Environment environment) {
        this.environment = environment;
        this.operatorKey = OperatorKey.in(root.resolve("e2e-tests/target/" + environment.name() + "/ssh"));
        this.logs = root.resolve("e2e-tests/target/" + environment.name() + "/service-logs");
        this.network = LocalNetwork.ofInventory(environment.networkNamespace(), environment.uplink(), inventory());
        String servicesAddress = network.servicesAddress();
        int port = environment.portBase();
        add("request-service", port);
        add("inventory-service", port + 1)
                .with("relops.inventory.file", inventory().toString());
        // A first run builds the seed images (minutes each on 2 cores); the store keeps them for every later one.
        add("imaging-service", port + 2).readyWithin(Duration.ofMinutes(60))
                .with("relops.imaging.data-dir", imagingData().toString())
                // A copy of the repository's images, so a test can edit a role without touching the repository.
                .with("relops.imaging.build.images-dir", images().toString())
                .with("relops.imaging.network.namespace", environment.networkNamespace())
                .with("relops.imaging.network.services-address", servicesAddress)
                .with("relops.imaging.network.search-domain", environment.zone())
                .with("relops.imaging.ssh.authorized-keys-file", operatorKey.publicKey().toString())
                // slavealloc unqualified: the machines resolve it through their search path.
                .with("relops.imaging.boot.gettac-url", "http://slavealloc:" + (port + 4) + "/gettac/{hostname}")
                .with("relops.imaging.boot.slavealloc-url", "http://slavealloc:" + (port + 4))
                // TCG boots on a loaded 2-core machine can take minutes; a killed VM is noticed at once anyway.
                .with("relops.imaging.provisioning.boot-deadline", "10m")
                .with("relops.imaging.provisioning.heartbeat-timeout", "60s");
        add("dns-service", port + 3)
                .with("relops.dns.zone", environment.zone())
                .with("relops.dns.server.host", "127.0.0.1")
                .with("relops.dns.server.port", String.valueOf(environment.dnsPort()))
                .with("relops.dns.server.machine-listeners", servicesAddress + ":53")
                .with("relops.dns.zone.service-names.slavealloc", servicesAddress)
                .with("relops.dns.zone.service-names.boot", servicesAddress);
        add("slavealloc-service", port + 4)
                .with("relops.slavealloc.auth.operator-token", "e2e-operator-token")
                .with("relops.slavealloc.secrets.key", "ZTJlLXNsYXZlYWxsb2Mta2V5LTAxMjM0NTY3ODlhYmM=")
                // the tests themselves read tacs from this host; machines read theirs from their own addresses
                .with("relops.slavealloc.tac.open-to", "127.0.0.1/32");
    }

    private ServiceProcess add(String name, int port) {
        String database = environment.database(name.substring(0, name.indexOf('-')));
        ServiceProcess service = new ServiceProcess(name, root, port, logs)
                .with("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + database)
                .with("quarkus.datasource.username", "relops")
                .with("quarkus.datasource.password", "relops")
                .with("relops.bus.host", "127.0.0.1")
                .with("relops.bus.port", "5672")
                .with("relops.bus.virtual-host", environment.vhost());
        services.put(name, service);
        return service;
    }

    /**
     * The production environment's stack, which every end-to-end test class in this JVM shares (a boot of
     * five services costs tens of seconds); stopped when the JVM exits.
     */
    static RelopsStack shared() {
        return shared(PRODUCTION);
    }

    /** An environment's shared stack, started at the first call; stopped when the JVM exits. */
    static synchronized RelopsStack shared(Environment environment) {
        return SHARED.computeIfAbsent(environment, which -> {
            RelopsStack stack = new RelopsStack(which);
            stack.start();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop));
            return stack;
        });
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    String url(String name) {
        return services.get(name).url();
    }

    private Path inventory() {
        return root.resolve("e2e-tests/src/test/resources").resolve(environment.inventoryFile());
    }

    /** The environment's copy of the repository's images directory (bases, roles, recipe), made at start. */
    Path images() {
        return root.resolve("e2e-tests/target/" + environment.name() + "/images");
    }

    /** Where the environment's imaging-service keeps machines' files and DHCP reservations. */
    Path imagingData() {
        return root.resolve("e2e-tests/target/" + environment.name() + "/imaging");
    }

    Environment environment() {
        return environment;
    }

    LocalNetwork network() {
        return network;
    }

    /** The operator key pair the machines let log in as root. */
    OperatorKey operatorKey() {
        return operatorKey;
    }

    /** Brings the environment's network up, starts every service at once and waits until all are ready. */
    void start() {
        // Machines outlive their services by design: start from a network with nothing left of an earlier run.
        network.down();
        network.up();
        copyImages();
        List<ServiceProcess> all = List.copyOf(services.values());
        all.forEach(ServiceProcess::start);
        try {
            all.forEach(ServiceProcess::awaitReady);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void copyImages() {
        Path source = root.resolve("images");
        try {
            if (Files.exists(images())) {
                try (Stream<Path> old = Files.walk(images())) {
                    old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = images().resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + images(), e);
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
