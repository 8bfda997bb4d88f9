import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Boot benchmark: how long relops takes to deliver N machines, against booting the same kernel and
 * initramfs with bare qemu on the same machine, on the same bridged network, in the same run (the control
 * plane's overhead).
 *
 * <p>Modes: {@code stack} measures request accepted (POST /v1/requests answered) -> request FULFILLED
 * (every machine booted, in DNS, allocated) through request-service; {@code imaging} measures
 * host.reserved published -> machine.booted through imaging-service alone, on segment {@code relopsSegment}.
 *
 * <p>The bare baselines run on segment {@code bareSegment} of the same network namespace: a bare dnsmasq
 * with imaging-service's flags (static reservations, router advertisements, no ProxyDHCP wait for iPXE),
 * qemu in the namespace on a tap on the segment's bridge with relops' qemu options (TCG, virtio, a fresh
 * data disk), and a static HTTP server on the services address that hands out the iPXE script and the
 * artifacts and takes the boot agent's phone-home. Once network-booted through iPXE (like relops) and once
 * with a direct -kernel boot (no firmware network boot at all, but still a DHCP lease on the segment).
 *
 * <p>Usage: java -cp amqp-client.jar:slf4j-api.jar BootBenchmark.java MODE SERVICE_URL RESULTS [AMQP_VHOST]
 * <br>System properties: namespace, services (the services address), domain (the search domain DHCP hands
 * out), bareSegment and, in imaging mode, relopsSegment (each NAME=CIDR=GATEWAY, as scripts/network.sh takes
 * them), rounds (default 3), counts (default "1 4"), hardwareClass (stack mode, default vm-small).
 */
public class BootBenchmark {

    static final String IMAGE = "relops-bare";
    static final int BARE_PORT = 18190;
    /** Machines get the segment's addresses from .20 on, clear of gateways and anything an IPAM hands out first. */
    static final int FIRST_HOST = 20;
    static final Pattern DIGEST = Pattern.compile("\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"");
    static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String serviceUrl = args[1];
        Path results = Path.of(args[2]);
        String vhost = args.length > 3 ? args[3] : "relops-bench";
        boolean stack = mode.equals("stack");
        String namespace = required("namespace");
        String services = required("services");
        Segment bareSegment = Segment.parse(required("bareSegment"));
        Segment relopsSegment = stack ? null : Segment.parse(required("relopsSegment"));
        int rounds = Integer.getInteger("rounds", 3);
        int[] counts = Arrays.stream(System.getProperty("counts", "1 4").trim().split("[\\s,]+"))
                .mapToInt(Integer::parseInt).toArray();
        String imagingUrl = stack ? serviceUrl.replace(":8080", ":8082") : serviceUrl;
        String digest = latestDigest(imagingUrl);
        Path work = Files.createTempDirectory("relops-boot-bench-");

        StringBuilder report = new StringBuilder();
        report.append("# relops boot benchmark, ").append(Instant.now()).append('\n');
        report.append("# mode ").append(mode).append(": ").append(stack
                ? "request accepted -> request FULFILLED (booted, in DNS, allocated), via request-service, on qemu"
                        + " systems of hardware class " + System.getProperty("hardwareClass", "vm-small")
                : "host.reserved published -> machine.booted, via imaging-service alone").append('\n');
        report.append("# network: relops and bare qemu both on tap devices on bridged segments of namespace ")
                .append(namespace).append(" (relops on ")
                .append(stack ? "the inventory's segments" : relopsSegment.name() + " " + relopsSegment.cidr())
                .append(", bare on ").append(bareSegment.name()).append(' ').append(bareSegment.cidr())
                .append("), leases from dnsmasq static reservations, services at ").append(services).append('\n');
        report.append("# image ").append(IMAGE).append(' ').append(digest).append("; qemu -accel tcg, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores\n");
        report.append(String.format("%-9s %12s %14s %16s %10s %12s%n", "machines", "relops_s", "bare_ipxe_s",
                "bare_kernel_s", "ratio", "ratio_kernel"));
        report.append("# load average at start: ").append(loadAverage()).append("; ").append(rounds)
                .append(" rounds per row, medians shown, samples below\n");
        StringBuilder samples = new StringBuilder();
        try {
            download(imagingUrl, digest, "vmlinuz", work);
            download(imagingUrl, digest, "initrd.img", work);
            int most = Arrays.stream(counts).max().orElse(1);
            BareNetwork network = new BareNetwork(namespace, services, required("domain"), bareSegment);
            try (BareBoot bare = new BareBoot(network, work, digest, most)) {
                for (int count : counts) {
                    List<Double> relops = new ArrayList<>();
                    List<Double> ipxe = new ArrayList<>();
                    List<Double> kernel = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        // One after another, never overlapping; the order alternates so that a burst of load
                        // elsewhere does not always hit the same one.
                        if (round % 2 == 0) {
                            relops.add(round(stack ? stack(serviceUrl, count) : imaging(vhost, count, relopsSegment)));
                            ipxe.add(round(bare.boot(count, true)));
                        } else {
                            ipxe.add(round(bare.boot(count, true)));
                            relops.add(round(stack ? stack(serviceUrl, count) : imaging(vhost, count, relopsSegment)));
                        }
                        kernel.add(round(bare.boot(count, false)));
                    }
                    double relopsMedian = median(relops);
                    double ipxeMedian = median(ipxe);
                    double kernelMedian = median(kernel);
                    String line = String.format("%-9d %12.1f %14.1f %16.1f %10.2f %12.2f%n", count, relopsMedian,
                            ipxeMedian, kernelMedian, relopsMedian / ipxeMedian, relopsMedian / kernelMedian);
                    System.out.print(line);
                    report.append(line);
                    samples.append(String.format("# samples, %d machine(s): relops %s, bare iPXE %s, bare kernel %s%n",
                            count, relops, ipxe, kernel));
                }
            }
        } finally {
            deleteTree(work);
        }
        report.append(samples);
        report.append("# ratio = relops / bare iPXE boot (the control plane's overhead over the same network boot);\n");
        report.append("# ratio_kernel = relops / bare direct -kernel boot (also counts iPXE: its DHCP, the kernel and"
                + " initramfs over HTTP).\n");
        Files.writeString(results, report.toString());
        System.out.println("results written to " + results);
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + property + " is missing (see run.sh)");
        }
        return value;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return Math.round(median * 10) / 10.0;
    }

    static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Request accepted -> FULFILLED through request-service; then decommissions the request. */
    static double stack(String requestUrl, int count) throws Exception {
        // The hardware class selects the inventory's qemu VM slots: other classes may name systems that do
        // not boot a guest this way, which would make the numbers meaningless.
        String body = "{\"image\":\"" + IMAGE + "\",\"count\":" + count + ",\"appEnvironment\":\"production\","
                + "\"constraints\":{\"hardwareClass\":\"" + System.getProperty("hardwareClass", "vm-small") + "\"}}";
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(requestUrl + "/v1/requests"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        long start = System.nanoTime();
        if (accepted.statusCode() / 100 != 2) {
            throw new IllegalStateException("request refused: " + accepted.statusCode() + " " + accepted.body());
        }
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(accepted.body());
        id.find();
        String url = requestUrl + "/v1/requests/" + id.group(1);
        awaitState(url, "FULFILLED", 600);
        double seconds = (System.nanoTime() - start) / 1e9;
        HTTP.send(HttpRequest.newBuilder(URI.create(url + "?wipe=true")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        awaitState(url, "DECOMMISSIONED", 120);
        return seconds;
    }

    static String awaitState(String url, String wanted, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Pattern state = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");
        while (System.nanoTime() < deadline) {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = state.matcher(body);
            if (matcher.find()) {
                if (matcher.group(1).equals(wanted)) {
                    return wanted;
                }
                if (matcher.group(1).equals("FAILED")) {
                    throw new IllegalStateException("request failed: " + body);
                }
            }
            // Not faster: every poll costs request-service CPU that the booting VMs would otherwise get.
            Thread.sleep(250);
        }
        throw new IllegalStateException(url + " did not reach " + wanted + " within " + seconds + " s");
    }

    /**
     * host.reserved -> machine.booted through imaging-service alone; then decommissions the machines. Machine i
     * is always system bench-i with the same MAC and address, as an inventory would keep it, so its DHCP
     * reservation never competes with another MAC's lease on the same address.
     */
    static double imaging(String vhost, int count, Segment segment) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(vhost);
        Map<String, String> booted = new ConcurrentHashMap<>();
        Map<String, String> reasons = new ConcurrentHashMap<>();
        Map<String, String> destroyed = new ConcurrentHashMap<>();
        try (Connection connection = factory.newConnection("boot-benchmark")) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare("relops.events", "topic", true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, "relops.events", "machine.*");
            Pattern hostname = Pattern.compile("\"hostname\"\\s*:\\s*\"([^\"]+)\"");
            channel.basicConsume(queue, true, (tag, delivery) -> {
                String type = delivery.getEnvelope().getRoutingKey();
                String body = new String(delivery.getBody(), StandardCharsets.UTF_8);
                Matcher host = hostname.matcher(body);
                if (host.find()) {
                    if (type.equals("machine.booted") || type.equals("machine.failed")) {
                        booted.put(host.group(1), type);
                        if (type.equals("machine.failed")) {
                            reasons.put(host.group(1), body);
                        }
                    } else if (type.equals("machine.destroyed")) {
                        destroyed.put(host.group(1), type);
                    }
                }
            }, tag -> { });
            String run = UUID.randomUUID().toString().substring(0, 6);
            List<String> hosts = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                String host = "bench-" + run + "-" + i;
                hosts.add(host);
                String network = "{\"segment\":\"" + segment.name() + "\",\"cidr\":\"" + segment.cidr()
                        + "\",\"gateway\":\"" + segment.gateway() + "\",\"mac\":\""
                        + String.format("52:54:00:be:00:%02x", i) + "\",\"address\":\"" + segment.address(i) + "\"}";
                publish(channel, "host.reserved", "2.0", "{\"requestId\":\"bench-" + run + "\",\"hostname\":\""
                        + host + "\",\"systemName\":\"bench-" + i + "\",\"provider\":\"qemu\",\"network\":" + network
                        + ",\"providerIdentity\":{},\"location\":{\"datacenter\":\"bench\",\"row\":\"r1\","
                        + "\"rack\":\"r1\"},\"image\":\"" + IMAGE + "\",\"imageVersion\":null,"
                        + "\"appEnvironment\":\"production\"}");
            }
            waitFor(() -> booted.keySet().containsAll(hosts), 600, "machine.booted");
            double seconds = (System.nanoTime() - start) / 1e9;
            for (String host : hosts) {
                publish(channel, "machine.decommission.requested", "1.0", "{\"requestId\":\"bench-" + run
                        + "\",\"hostname\":\"" + host + "\",\"systemName\":null,\"wipeVolumes\":true}");
            }
            waitFor(() -> destroyed.keySet().containsAll(hosts), 120, "machine.destroyed");
            if (!reasons.isEmpty()) {
                throw new IllegalStateException("a machine failed to boot: " + reasons.values());
            }
            return seconds;
        }
    }

    /** Publishes one event in a CloudEvents envelope, as the services' EnvelopeCodec writes it. */
    static void publish(Channel channel, String type, String eventVersion, String data) throws IOException {
        String envelope = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\","
                + "\"source\":\"/relops/benchmark\",\"type\":\"" + type + "\",\"eventversion\":\"" + eventVersion
                + "\",\"correlationid\":\"benchmark\",\"time\":\"" + Instant.now()
                + "\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}";
        channel.basicPublish("relops.events", type, new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                .contentType("application/cloudevents+json").deliveryMode(2).build(),
                envelope.getBytes(StandardCharsets.UTF_8));
    }

    interface Condition {
        boolean holds() throws IOException;
    }

    static void waitFor(Condition condition, int seconds, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }

    static String latestDigest(String imagingUrl) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(imagingUrl + "/v1/images/" + IMAGE
                + "/versions/latest")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher digest = DIGEST.matcher(body);
        if (!digest.find()) {
            throw new IllegalStateException("no built version of " + IMAGE + ": " + body);
        }
        return digest.group(1);
    }

    static void download(String imagingUrl, String digest, String name, Path into) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(imagingUrl + "/boot/artifacts/" + digest.substring(7) + "/"
                + name)).build(), HttpResponse.BodyHandlers.ofFile(into.resolve(name)));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A command line, prefixed so that it dies with this JVM even when the JVM is killed outright. */
    static List<String> dyingWithUs(List<String> command) {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETPRIV)) {
            full.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
        }
        full.addAll(command);
        return full;
    }

    /** A segment as scripts/network.sh takes it: NAME=CIDR=GATEWAY. */
    record Segment(String name, String cidr, String gateway) {

        static Segment parse(String spec) {
            String[] parts = spec.split("=");
            if (parts.length != 3 || !parts[1].contains("/")) {
                throw new IllegalArgumentException("segment '" + spec + "' is not NAME=CIDR=GATEWAY");
            }
            return new Segment(parts[0], parts[1], parts[2]);
        }

        String networkAddress() {
            return cidr.substring(0, cidr.indexOf('/'));
        }

        int prefix() {
            return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        }

        String netmask() {
            return dotted(prefix() == 0 ? 0 : -1 << (32 - prefix()));
        }

        /** The address of benchmark machine {@code n} (from 1): the segment's .20, .21, ... */
        String address(int n) {
            int network = 0;
            for (String octet : networkAddress().split("\\.")) {
                network = network << 8 | Integer.parseInt(octet);
            }
            return dotted(network + FIRST_HOST - 1 + n);
        }

        private static String dotted(int address) {
            return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "."
                    + (address & 0xff);
        }
    }

    /** Where the bare machines boot: a segment of the environment's namespace, and the services address. */
    record BareNetwork(String namespace, String servicesAddress, String domain, Segment segment) {

        List<String> inNamespace(String... command) {
            List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
            full.addAll(List.of(command));
            return full;
        }

        /** Runs a short command in the namespace; its output. */
        String run(String... command) throws IOException, InterruptedException {
            List<String> full = inNamespace(command);
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(15, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed: " + output.strip());
            }
            return output;
        }

        /** The segment's bridge: the one whose interface alias is the segment's name, as imaging-service finds it. */
        String bridge() throws IOException, InterruptedException {
            Pattern alias = Pattern.compile("^\\d+: ([^:@]+)[:@].*\\s+alias (\\S+)\\s*$");
            for (String line : run("ip", "-o", "link", "show", "type", "bridge").split("\n")) {
                Matcher matcher = alias.matcher(line);
                if (matcher.matches() && matcher.group(2).equals(segment.name())) {
                    return matcher.group(1);
                }
            }
            throw new IllegalStateException("segment " + segment.name() + " has no bridge in namespace " + namespace
                    + " (scripts/network.sh up)");
        }
    }

    /**
     * The bare baseline: a dnsmasq on the bare segment's bridge with imaging-service's flags, a static HTTP
     * server on the services address the bare machines boot from and phone home to, and the bare qemu runs.
     */
    static final class BareBoot implements AutoCloseable {

        /** A bare machine's identity: MAC, address and hostname, fixed like an inventory system's. */
        record Reservation(String mac, String address, String hostname) {
        }

        private final BareNetwork network;
        private final Path work;
        private final String digest;
        private final String bridge;
        private final String baseUrl;
        private final byte[] vmlinuz;
        private final byte[] initrd;
        private final Map<String, Reservation> reservations = new LinkedHashMap<>();
        private final Map<String, Long> phonedHome = new ConcurrentHashMap<>();
        private final Map<String, String> phonedFrom = new ConcurrentHashMap<>();
        private final ExecutorService handlers = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "bare-http");
            thread.setDaemon(true);
            return thread;
        });
        private final HttpServer server;
        private final Process dnsmasq;

        BareBoot(BareNetwork network, Path work, String digest, int machines) throws Exception {
            this.network = network;
            this.work = work;
            this.digest = digest;
            this.bridge = network.bridge();
            this.baseUrl = "http://" + network.servicesAddress() + ":" + BARE_PORT;
            vmlinuz = Files.readAllBytes(work.resolve("vmlinuz"));
            initrd = Files.readAllBytes(work.resolve("initrd.img"));
            Path hosts = Files.createDirectories(work.resolve("dhcp-hosts"));
            for (int i = 1; i <= machines; i++) {
                Reservation reservation = new Reservation(String.format("52:54:00:ba:00:%02x", i),
                        network.segment().address(i), "bare-" + i);
                reservations.put(reservation.mac(), reservation);
                Files.writeString(hosts.resolve(reservation.mac().replace(':', '-')),
                        reservation.mac() + "," + reservation.address() + "," + reservation.hostname() + "\n");
            }
            // On every address, as imaging-service listens: the machines come in through the uplink.
            server = HttpServer.create(new InetSocketAddress("0.0.0.0", BARE_PORT), 64);
            server.createContext("/", this::handle);
            // Several at once, as imaging-service serves them: four machines fetch their initramfs together.
            server.setExecutor(handlers);
            server.start();
            try {
                dnsmasq = startDnsmasq(hosts);
            } catch (Exception e) {
                server.stop(0);
                handlers.shutdownNow();
                throw e;
            }
        }

        private Process startDnsmasq(Path hosts) throws Exception {
            Segment segment = network.segment();
            String lease = "1h";
            Path log = work.resolve("dnsmasq.log");
            // The flags of imaging-service's DhcpServers, so that the bare machines get the same DHCP exchange.
            List<String> command = dyingWithUs(network.inNamespace("dnsmasq", "--keep-in-foreground",
                    "--conf-file=/dev/null", "--port=0", "--user=root", "--interface=" + bridge, "--bind-interfaces",
                    "--pid-file",
                    "--dhcp-range=" + segment.networkAddress() + ",static," + segment.netmask() + "," + lease,
                    "--dhcp-hostsdir=" + hosts.toAbsolutePath(),
                    "--dhcp-leasefile=" + work.resolve("leases").toAbsolutePath(),
                    "--dhcp-option=option:router," + segment.gateway(),
                    "--dhcp-option=option:dns-server," + network.servicesAddress(),
                    "--dhcp-option=option:domain-name," + network.domain(),
                    "--dhcp-option=option:domain-search," + network.domain(),
                    "--enable-ra", "--dhcp-range=::,constructor:" + bridge + ",ra-only,64," + lease,
                    "--dhcp-match=set:ipxe,175", "--dhcp-option=tag:ipxe,encap:175,176,1",
                    "--dhcp-option=tag:ipxe,option:bootfile-name," + baseUrl + "/boot/${net0/mac:hexhyp}.ipxe",
                    "--log-dhcp", "--log-facility=-"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            // Serving once it announced its DHCP range; dead at once means a wrong flag or a busy bridge.
            waitFor(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("bare dnsmasq exited (code " + process.exitValue() + "): "
                            + Files.readString(log).strip());
                }
                return Files.readString(log).contains("DHCP, ");
            }, 10, "bare dnsmasq start");
            return process;
        }

        private static final String BENCHMARK_PUBLIC_KEY =
                "ssh-ed25519 "
                + "AAAAC3NzaC1lZDI1NTE5AAAAIByJJFBC8gswhGNLnNfHmLTEJsEMj2X0geDL/g4Icrzs relops-boot-benchmark";

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            byte[] body;
            String artifacts = "/boot/artifacts/" + digest.substring("sha256:".length()) + "/";
            if (path.startsWith("/boot/") && path.endsWith(".ipxe")) {
                String mac = path.substring("/boot/".length(), path.length() - ".ipxe".length()).replace('-', ':');
                body = script(reservations.get(mac)).getBytes(StandardCharsets.UTF_8);
            } else if (path.equals(artifacts + "vmlinuz")) {
                body = vmlinuz;
            } else if (path.equals(artifacts + "initrd.img")) {
                body = initrd;
            } else if (path.equals("/boot/authorized-keys")) {
                // A public key (its private half was thrown away): the bare machines start their SSH server too,
                // host key and all, so both sides boot the same image to the same point.
                body = (BENCHMARK_PUBLIC_KEY + "\n").getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/boot/phone-home")) {
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Matcher mac = Pattern.compile("mac=([0-9a-f:]+)").matcher(form);
                if (mac.find() && reservations.containsKey(mac.group(1))) {
                    phonedHome.putIfAbsent(mac.group(1), System.nanoTime());
                    phonedFrom.putIfAbsent(mac.group(1), exchange.getRemoteAddress().getAddress().getHostAddress());
                    body = ("welcome " + reservations.get(mac.group(1)).hostname() + "\n")
                            .getBytes(StandardCharsets.UTF_8);
                } else {
                    status = 403;
                    body = "unknown MAC\n".getBytes(StandardCharsets.UTF_8);
                }
            } else {
                // Heartbeats: nothing to tell the machine.
                body = new byte[0];
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        /** The same script shape imaging-service hands out (its IpxeScript), with the bare server's URLs. */
        private String script(Reservation machine) {
            if (machine == null) {
                return "#!ipxe\necho not a bare benchmark machine\nexit 1\n";
            }
            String artifacts = baseUrl + "/boot/artifacts/" + digest.substring("sha256:".length());
            return "#!ipxe\n"
                    + "echo bare: booting " + machine.hostname() + "\n"
                    + "kernel " + artifacts + "/vmlinuz initrd=initrd.img " + cmdline(machine) + " || goto failed\n"
                    + "initrd " + artifacts + "/initrd.img || goto failed\n"
                    + "boot || goto failed\n"
                    + ":failed\n"
                    + "exit 1\n";
        }

        private String cmdline(Reservation machine) {
            return "console=ttyS0 quiet relops.url=" + baseUrl + " relops.host=" + machine.hostname()
                    + " relops.token=bare relops.digest=" + digest + " relops.beat=600";
        }

        private static String tapOf(int machine) {
            return "rbare" + machine;
        }

        /** Boots {@code count} bare VMs at once; seconds until the last phoned home from its reserved address. */
        double boot(int count, boolean ipxe) throws Exception {
            phonedHome.clear();
            phonedFrom.clear();
            List<Reservation> machines = reservations.values().stream().limit(count).toList();
            List<Process> processes = new ArrayList<>();
            List<String> taps = new ArrayList<>();
            long start = System.nanoTime();
            try {
                for (int i = 1; i <= count; i++) {
                    Reservation machine = machines.get(i - 1);
                    // A tap on the segment's bridge per machine, made at its start as imaging-service makes it.
                    String tap = tapOf(i);
                    taps.add(tap);
                    if (!exists(tap)) {
                        network.run("ip", "tuntap", "add", "dev", tap, "mode", "tap");
                    }
                    network.run("ip", "link", "set", tap, "master", bridge, "up");
                    Path disk = work.resolve("bare-" + i + ".img");
                    Files.deleteIfExists(disk);
                    try (RandomAccessFile file = new RandomAccessFile(disk.toFile(), "rw")) {
                        file.setLength(64L << 20);
                    }
                    // relops' qemu options (QemuProvider), less the QMP socket it watches the machine through.
                    List<String> qemu = new ArrayList<>(List.of("qemu-system-x86_64", "-name", machine.hostname(),
                            "-accel", "tcg", "-cpu", "max", "-m", "512", "-smp", "1", "-nodefaults",
                            "-display", "none", "-no-reboot", "-serial", "file:" + console(i),
                            "-netdev", "tap,id=n0,ifname=" + tap + ",script=no,downscript=no",
                            "-device", "virtio-net-pci,netdev=n0,mac=" + machine.mac(),
                            "-drive", "file=" + disk + ",format=raw,if=virtio"));
                    if (ipxe) {
                        qemu.addAll(List.of("-boot", "n"));
                    } else {
                        qemu.addAll(List.of("-kernel", work.resolve("vmlinuz").toString(), "-initrd",
                                work.resolve("initrd.img").toString(), "-append", cmdline(machine)));
                    }
                    processes.add(new ProcessBuilder(dyingWithUs(network.inNamespace(qemu.toArray(String[]::new))))
                            .redirectErrorStream(true).redirectOutput(work.resolve("qemu-" + i + ".log").toFile())
                            .start());
                }
                try {
                    waitFor(() -> phonedHome.size() >= count, 300, "bare phone-home");
                } catch (IllegalStateException e) {
                    throw new IllegalStateException(e.getMessage() + diagnosis(count), e);
                }
                long last = phonedHome.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                for (Reservation machine : machines) {
                    // From the reserved address, or the machine did not boot on the bridged segment as it should.
                    if (!machine.address().equals(phonedFrom.get(machine.mac()))) {
                        throw new IllegalStateException(machine.hostname() + " phoned home from "
                                + phonedFrom.get(machine.mac()) + ", not from its address " + machine.address());
                    }
                }
                return (last - start) / 1e9;
            } finally {
                for (Process process : processes) {
                    process.destroyForcibly().waitFor();
                }
                for (String tap : taps) {
                    if (exists(tap)) {
                        network.run("ip", "link", "del", tap);
                    }
                }
            }
        }

        private Path console(int machine) {
            return work.resolve("bare-" + machine + ".console");
        }

        private boolean exists(String device) throws InterruptedException {
            try {
                network.run("ip", "link", "show", device);
                return true;
            } catch (IOException | IllegalStateException e) {
                return false;
            }
        }

        private String diagnosis(int count) throws IOException {
            StringBuilder text = new StringBuilder();
            for (int i = 1; i <= count; i++) {
                text.append("\nbare-").append(i).append(" console tail:\n").append(tail(console(i), 10));
            }
            return text.append("\nbare dnsmasq log tail:\n").append(tail(work.resolve("dnsmasq.log"), 15)).toString();
        }

        private static String tail(Path file, int lines) throws IOException {
            if (!Files.exists(file)) {
                return "(none)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }

        @Override
        public void close() {
            dnsmasq.destroy();
            try {
                if (!dnsmasq.waitFor(10, TimeUnit.SECONDS)) {
                    dnsmasq.destroyForcibly();
                }
            } catch (InterruptedException e) {
                dnsmasq.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            server.stop(0);
            handlers.shutdownNow();
        }
    }
}
