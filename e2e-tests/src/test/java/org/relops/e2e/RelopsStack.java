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

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.security.PrivateKey;

import org.relops.model.auth.AccessToken;
import org.relops.model.auth.Roles;
import org.relops.model.auth.SigningKeys;
import org.relops.testing.LibvirtSession;
import org.relops.testing.LocalNetwork;
import org.relops.testing.OperatorKey;
import org.relops.testing.VirtualBaremetal;

import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.path.json.JsonPath;

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
    record Environment(String name, int portBase, String uplink, String inventoryFile, String zone, int replicas) {

        Environment(String name, int portBase, String uplink, String inventoryFile, String zone) {
            this(name, portBase, uplink, inventoryFile, zone, 1);
        }

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
    /** Two replicas of every service (the second ones on ports 10 up), simulated systems only: the chaos suite's. */
    static final Environment CHAOS = new Environment("e2e-chaos", 19280, "10.254.209.0/30", "inventory-e2e-chaos.yaml",
            "chaos.e2e.relops.example", 2);
    static final String VHOST = PRODUCTION.vhost();
    static final String ZONE = PRODUCTION.zone();
    static final int DNS_PORT = PRODUCTION.dnsPort();

    /** The key slavealloc's worker passwords are sealed with: a secret no output may show. */
    static final String SLAVEALLOC_SECRETS_KEY = "ZTJlLXNsYXZlYWxsb2Mta2V5LTAxMjM0NTY3ODlhYmM=";

    private static final Map<Environment, RelopsStack> SHARED = new java.util.HashMap<>();
    /** Every stack made in this JVM, shared or not: whose operator token a call to one of their ports carries. */
    private static final List<RelopsStack> MADE = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        RestAssured.filters(RelopsStack::withOperatorToken);
    }

    private final Environment environment;
    private final Path root = Path.of(System.getProperty("relops.root", "..")).toAbsolutePath().normalize();
    private final Path logs;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** Every replica of each service, the first one ({@link #service}) included. */
    private final Map<String, List<ServiceProcess>> replicas = new LinkedHashMap<>();
    private final LocalNetwork network;
    /** A qemu host behind its own IPMI BMC per baremetal system of the inventory. */
    private final VirtualBaremetal baremetal;
    /** The libvirt daemon of the environment's libvirt systems. */
    private final LibvirtSession libvirt;
    /** The environment's operator SSH key pair: imaging-service gives its public half to every machine. */
    private final OperatorKey operatorKey;
    /** The environment's token signing key pair: its services verify with the public half. */
    private final Path accessKeys;
    private final PrivateKey signingKey;
    private final String operatorToken;
    /** The environment's dashboard, once a test asked for it, and the viewer token it reads the services with. */
    private ServiceProcess dashboard;
    private String dashboardToken;

    RelopsStack(Environment environment) {
        this.environment = environment;
        this.operatorKey = OperatorKey.in(root.resolve("e2e-tests/target/" + environment.name() + "/ssh"));
        this.logs = root.resolve("e2e-tests/target/" + environment.name() + "/service-logs");
        this.network = LocalNetwork.ofInventory(environment.networkNamespace(), environment.uplink(), inventory());
        this.baremetal = new VirtualBaremetal(inventory(), environment.networkNamespace(),
                root.resolve("e2e-tests/target/" + environment.name() + "/secrets"),
                root.resolve("e2e-tests/target/" + environment.name() + "/baremetal"));
        this.libvirt = new LibvirtSession(environment.networkNamespace());
        try {
            this.accessKeys = SigningKeys.ensure(root.resolve("e2e-tests/target/" + environment.name() + "/auth"));
            this.signingKey = SigningKeys.readPrivate(accessKeys.resolve(SigningKeys.PRIVATE_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the token signing keys of " + environment.name(), e);
        }
        this.operatorToken = token("e2e-operator", Roles.OPERATOR);
        MADE.add(this);
        String servicesAddress = network.servicesAddress();
        int port = environment.portBase();
        // the tests publish intake commands as the broker's guest user (HostInfrastructure's), for any environment
        add("request-service", port).with("relops.requests.intake.requesters", "guest@*");
        add("inventory-service", port + 1)
                .with("relops.inventory.file", inventory().toString());
        // A first run builds the seed images (minutes each on 2 cores); the store keeps them for every later one.
        ServiceProcess imaging = add("imaging-service", port + 2).readyWithin(Duration.ofMinutes(60))
                .with("relops.imaging.data-dir", imagingData().toString())
                // A copy of the repository's images, so a test can edit a role without touching the repository.
                .with("relops.imaging.build.images-dir", images().toString())
                // Masters are checked for a due refresh every 5 s and refreshed 90 s after their boot, so a test
                // sees a new version applied soon after it is built; a puppet apply under TCG takes minutes.
                .with("relops.imaging.roles.\"buildbot-master\".refresh-period", "90s")
                .with("relops.imaging.refresh.check-interval", "5s")
                .with("relops.imaging.refresh.incremental-deadline", "15m")
                .with("relops.imaging.network.namespace", environment.networkNamespace())
                .with("relops.imaging.network.services-address", servicesAddress)
                .with("relops.imaging.network.search-domain", environment.zone())
                .with("relops.imaging.ssh.authorized-keys-file", operatorKey.publicKey().toString())
                .with("relops.imaging.secrets.dir", baremetal.secrets().toString())
                // a silent BMC is retried for 15 s (not Ironic's 60 s: a test waits for the failure)
                .with("relops.imaging.baremetal.retry-for", "15s")
                .with("relops.imaging.baremetal.power-poll-interval", "3s")
                // a host that never asks for its iPXE script fails after 90 s (5 min by default)
                .with("relops.imaging.baremetal.network-boot-deadline", "90s")
                // zeroing a 2 GiB virtual disk under TCG takes about a minute
                .with("relops.imaging.wipe.deadline", "5m")
                // slavealloc unqualified: the machines resolve it through their search path.
                .with("relops.imaging.boot.gettac-url", "http://slavealloc:" + (port + 4) + "/gettac/{hostname}")
                .with("relops.imaging.boot.slavealloc-url", "http://slavealloc:" + (port + 4))
                // TCG boots on a loaded 2-core machine can take minutes; a killed VM is noticed at once anyway.
                .with("relops.imaging.provisioning.boot-deadline", "10m")
                .with("relops.imaging.provisioning.heartbeat-timeout", "60s");
        libvirt.imagingConfig().forEach(imaging::with);
        add("dns-service", port + 3)
                .with("relops.dns.zone", environment.zone())
                .with("relops.dns.server.host", "127.0.0.1")
                .with("relops.dns.server.port", String.valueOf(environment.dnsPort()))
                .with("relops.dns.server.machine-listeners", servicesAddress + ":53")
                .with("relops.dns.zone.service-names.slavealloc", servicesAddress)
                .with("relops.dns.zone.service-names.boot", servicesAddress);
        add("slavealloc-service", port + 4)
                .withSecret("relops.slavealloc.secrets.key", SLAVEALLOC_SECRETS_KEY)
                // the tests themselves read tacs from this host; machines read theirs from their own addresses
                .with("relops.slavealloc.tac.open-to", "127.0.0.1/32");
        services.forEach((name, first) -> replicas.put(name, new java.util.ArrayList<>(List.of(first))));
        for (int number = 2; number <= environment.replicas(); number++) {
            int offset = 10 * (number - 1);
            for (Map.Entry<String, ServiceProcess> first : services.entrySet()) {
                ServiceProcess replica = first.getValue().replica(number, first.getValue().port() + offset);
                if (first.getKey().equals("dns-service")) {
                    // the machines' listener is the first replica's; the others answer on ports of their own
                    replica.with("relops.dns.server.port", String.valueOf(environment.dnsPort() + offset))
                            .with("relops.dns.server.machine-listeners", "");
                }
                replicas.get(first.getKey()).add(replica);
            }
        }
    }

    private ServiceProcess add(String name, int port) {
        String database = environment.database(name.substring(0, name.indexOf('-')));
        ServiceProcess service = new ServiceProcess(name, root, port, logs)
                .with("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + database)
                .with("quarkus.datasource.username", "relops")
                .withSecret("quarkus.datasource.password", "relops")
                .with("relops.bus.host", "127.0.0.1")
                .with("relops.bus.port", "5672")
                .with("relops.bus.virtual-host", environment.vhost())
                .with("relops.auth.issuer", issuer())
                .with("relops.auth.verify-key", accessKeys.resolve(SigningKeys.PUBLIC_FILE).toString());
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

    /**
     * An environment's shared stack, started at the first call; stopped when the JVM exits. Every RestAssured
     * call to one of its ports carries its operator token unless the call sets a token of its own.
     */
    static synchronized RelopsStack shared(Environment environment) {
        return SHARED.computeIfAbsent(environment, which -> {
            RelopsStack stack = new RelopsStack(which);
            stack.start();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop));
            return stack;
        });
    }

    private static Response withOperatorToken(FilterableRequestSpecification request,
            FilterableResponseSpecification response, FilterContext context) {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            int port = java.net.URI.create(request.getURI()).getPort();
            MADE.stream().filter(stack -> stack.processes().stream().anyMatch(process -> process.port() == port))
                    .findFirst().ifPresent(stack -> request.header("Authorization", "Bearer " + stack.operatorToken));
        }
        return context.next(request, response);
    }

    /** The issuer of the environment's tokens: {@code relops:<environment>}. */
    String issuer() {
        return Roles.issuerOf(environment.name());
    }

    /** A token of this environment for a subject with one role (a requester's for the production application environment). */
    String token(String subject, String role) {
        List<String> appEnvironments = role.equals(Roles.REQUESTER) ? List.of("production") : List.of();
        return new AccessToken(issuer(), subject, List.of(role), appEnvironments, Duration.ofHours(6)).sign(signingKey);
    }

    /** The operator token every test call of this stack carries by default: a secret no output may show. */
    String operatorToken() {
        return operatorToken;
    }

    /** The environment's signing key pair's directory. */
    Path accessKeys() {
        return accessKeys;
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    String url(String name) {
        return services.get(name).url();
    }

    /** Every replica of a service, the first one included. */
    List<ServiceProcess> replicas(String name) {
        return List.copyOf(replicas.get(name));
    }

    /** Every process of the stack: each service's replicas, service by service. */
    List<ServiceProcess> processes() {
        return replicas.values().stream().flatMap(List::stream).toList();
    }

    /** Asks request-service for machines of an image (name, or name:version) on systems of a hardware class; the request's id. */
    String submit(String image, int count, String hardwareClass) {
        return given().contentType(ContentType.JSON)
                .body("{\"image\":\"" + image + "\",\"count\":" + count + ",\"appEnvironment\":\"production\","
                        + "\"constraints\":{\"hardwareClass\":\"" + hardwareClass + "\"}}")
                .post(url("request-service") + "/v1/requests")
                .then().statusCode(202).extract().path("id");
    }

    /** Waits for a request to reach a state; a request that FAILED instead fails the wait at once, with its reason. */
    JsonPath awaitRequest(String id, String state, Duration atMost) {
        String requestUrl = url("request-service") + "/v1/requests/" + id;
        await("request " + id + " " + state).atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonPath now = given().get(requestUrl).then().extract().jsonPath();
            if ("failed".equals(now.getString("state")) && !"failed".equals(state)) {
                throw new AssertionError("request " + id + " failed: " + now.getString("reason"));
            }
            return state.equals(now.getString("state"));
        });
        return given().get(requestUrl).then().extract().jsonPath();
    }

    private Path inventory() {
        return root.resolve("e2e-tests/src/test/resources").resolve(environment.inventoryFile());
    }

    /** The environment's copy of the repository's images directory (bases, roles, recipe), made at start. */
    Path images() {
        return root.resolve("e2e-tests/target/" + environment.name() + "/images");
    }

    /** Where the environment's imaging-service keeps machines' files and DHCP reservations. */
    /** Where the environment's services write their logs. */
    Path logs() {
        return logs;
    }

    Path imagingData() {
        return root.resolve("e2e-tests/target/" + environment.name() + "/imaging");
    }

    Environment environment() {
        return environment;
    }

    LocalNetwork network() {
        return network;
    }

    LibvirtSession libvirt() {
        return libvirt;
    }

    VirtualBaremetal baremetal() {
        return baremetal;
    }

    /** The operator key pair the machines let log in as root. */
    OperatorKey operatorKey() {
        return operatorKey;
    }

    /** Brings the environment's network up, starts every service at once and waits until all are ready. */
    void start() {
        // Machines outlive their services by design: start from a network with nothing left of an earlier run.
        baremetal.down();
        network.down();
        libvirt.purge();
        network.up();
        libvirt.up();
        // Fresh BMC credentials and blank host disks every run: a test may have broken a secret on purpose, and
        // a host's disk keeps whatever an earlier run left on it, as real hardware would.
        deleteTree(baremetal.secrets());
        deleteTree(baremetal.state());
        baremetal.up();
        copyImages();
        List<ServiceProcess> first = List.copyOf(services.values());
        List<ServiceProcess> others = processes().stream().filter(process -> !first.contains(process)).toList();
        try {
            first.forEach(ServiceProcess::start);
            first.forEach(ServiceProcess::awaitReady);
            // the other replicas once the first ones made their schemas and loaded inventory and seed images
            others.forEach(ServiceProcess::start);
            others.forEach(ServiceProcess::awaitReady);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private static void deleteTree(Path tree) {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> old = Files.walk(tree)) {
            old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + tree, e);
        }
    }

    private void copyImages() {
        Path source = root.resolve("images");
        deleteTree(images());
        try {
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

    /**
     * The environment's dashboard, started at the first call on the port after slavealloc's: it reads the services
     * as a viewer (its token in a file of its own) and follows the events on the environment's vhost. Stopped with
     * the stack.
     */
    synchronized ServiceProcess dashboard() {
        if (dashboard != null) {
            return dashboard;
        }
        Path tokenFile = accessKeys.resolve("dashboard.token");
        dashboardToken = token("e2e-dashboard", Roles.VIEWER);
        try {
            Files.writeString(tokenFile, dashboardToken);
            Files.setPosixFilePermissions(tokenFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dashboard's token to " + tokenFile, e);
        }
        ServiceProcess started = new ServiceProcess("dashboard-service", root, environment.portBase() + 5, logs)
                .with("relops.bus.host", "127.0.0.1")
                .with("relops.bus.port", "5672")
                .with("relops.bus.virtual-host", environment.vhost())
                .with("relops.auth.issuer", issuer())
                .with("relops.auth.verify-key", accessKeys.resolve(SigningKeys.PUBLIC_FILE).toString())
                .with("relops.dashboard.services.request", url("request-service"))
                .with("relops.dashboard.services.inventory", url("inventory-service"))
                .with("relops.dashboard.services.imaging", url("imaging-service"))
                .with("relops.dashboard.services.slavealloc", url("slavealloc-service"))
                .with("relops.dashboard.token-file", tokenFile.toString());
        started.start();
        started.awaitReady();
        dashboard = started;
        return started;
    }

    /** The viewer token the dashboard reads the services with: a secret no output may show. */
    synchronized String dashboardToken() {
        dashboard();
        return dashboardToken;
    }

    void stop() {
        if (dashboard != null) {
            dashboard.stop();
        }
        processes().forEach(ServiceProcess::stop);
        baremetal.down();
        libvirt.purge();
        network.down();
    }

    Path root() {
        return root;
    }
}
