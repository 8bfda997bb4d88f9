import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
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
 * Boot benchmark: how long relops takes to deliver N machines, against booting the same image with bare qemu
 * on the same machine, on the same bridged network, in the same run (the control plane's overhead).
 *
 * <p>Modes: {@code stack} measures request accepted (POST /v1/requests answered) -> request FULFILLED
 * (every machine booted, in DNS, allocated) through request-service; {@code imaging} measures
 * host.reserved published -> machine.booted through imaging-service alone, on segment {@code relopsSegment}.
 * Both boot the netboot image relops-bare. {@code real} boots the real images through request-service:
 * request accepted -> FULFILLED for releng-talos-linux64 slaves, which relops counts FULFILLED only once each
 * slave's buildbot worker is connected to its master in this boot; before the rounds the benchmark asks relops
 * for one releng-buildmaster master for them, and decommissions it at the end.
 *
 * <p>The bare baselines run on segment {@code bareSegment} of the same network namespace: a bare dnsmasq
 * with imaging-service's flags (static reservations, router advertisements, no ProxyDHCP wait for iPXE),
 * qemu in the namespace on a tap on the segment's bridge with relops' qemu options (TCG and its translation
 * cache size, memory, virtio, a fresh data disk of relops' size), and a static HTTP server on the services
 * address that stands in for imaging-service (iPXE script, artifacts, SSH keys, phone-home, heartbeats) and,
 * for the real images, for slavealloc-service (each bare slave's buildbot.tac, the bare master's credential
 * and workers), with the same protocol. Netboot modes: once network-booted through iPXE (like relops) and once
 * with a direct -kernel boot (no firmware network boot at all, but still a DHCP lease on the segment). Real
 * mode: network-booted through iPXE only, against a bare master of its own (one VM of releng-buildmaster,
 * booted before the rounds and up for all of them), timed from qemu start until the bare master's REST API
 * shows every bare worker connected in this boot; the resident memory of each bare slave's qemu is recorded.
 *
 * <p>Usage: java -cp amqp-client.jar:slf4j-api.jar BootBenchmark.java MODE SERVICE_URL RESULTS [AMQP_VHOST]
 * <br>MODE is imaging, stack or real. System properties: namespace, services (the services address), domain
 * (the search domain DHCP hands out), bareSegment and, in imaging mode, relopsSegment (each NAME=CIDR=GATEWAY,
 * as scripts/network.sh takes them), imagingProperties (imaging-service's application.properties, where the
 * qemu options and kernel command line relops uses are read), rounds (default 3), counts (default "1 4", in
 * real mode "1"), hardwareClass (stack and real modes, default vm-small), relopsBoot (the qemu boot path relops
 * uses, for the results file: imaging-service's relops.imaging.qemu.boot; run.sh sets it).
 */
public class BootBenchmark {

    /** The netboot image of the imaging and stack modes. */
    static final String IMAGE = "relops-bare";
    /** The real images of the real mode: a build slave, and the buildbot master its worker connects to. */
    static final String SLAVE_IMAGE = "releng-talos-linux64";
    static final String MASTER_IMAGE = "releng-buildmaster";
    static final int BARE_PORT = 18190;
    /** Machines get the segment's addresses from .20 on, clear of gateways and anything an IPAM hands out first. */
    static final int FIRST_HOST = 20;
    /** The bare master's place in that range (.119), clear of the bare slaves' .20, .21, ... */
    static final int MASTER_HOST = 100;
    /** Where buildbot's REST API and its workers' port (pb) are: images/modules/relops_buildbot/files/master.cfg. */
    static final int MASTER_WEB_PORT = 8010;
    static final int MASTER_PB_PORT = 9989;
    /**
     * The basedir slavealloc-service gives a releng-talos-linux64 slave: its image role buildbot-slave has no
     * slavealloc role of its own, so it gets the fallback role default's (slavealloc-service's seed local-stack.json).
     */
    static final String WORKER_BASEDIR = "/builds/worker";
    /** How long a real machine may take to its worker connected (imaging-service's boot deadline is 8 min). */
    static final int REAL_MACHINE_SECONDS = 600;
    static final int RELOPS_REAL_SECONDS = 900;
    static final int MASTER_SECONDS = 1200;
    static final int DECOMMISSION_SECONDS = 300;
    static final String DEFAULT_IMAGING_PROPERTIES = "imaging-service/src/main/resources/application.properties";
    static final Pattern DIGEST = Pattern.compile("\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"");
    static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A call of a relops API, with the access token of $RELOPS_TOKEN (the run script makes one). */
    static HttpRequest.Builder relops(String url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
        String token = System.getenv("RELOPS_TOKEN");
        return token == null || token.isBlank() ? builder : builder.header("Authorization", "Bearer " + token.strip());
    }
    static final HttpClient BUILDBOT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String serviceUrl = args[1];
        Path results = Path.of(args[2]);
        String vhost = args.length > 3 ? args[3] : "relops-bench";
        BareNetwork network = new BareNetwork(required("namespace"), required("services"), required("domain"),
                Segment.parse(required("bareSegment")));
        int rounds = Integer.getInteger("rounds", 3);
        int[] counts = Arrays.stream(System.getProperty("counts", mode.equals("real") ? "1" : "1 4").trim()
                .split("[\\s,]+")).mapToInt(Integer::parseInt).toArray();
        ImagingDefaults defaults = ImagingDefaults.load(Path.of(System.getProperty("imagingProperties",
                DEFAULT_IMAGING_PROPERTIES)));
        String report = switch (mode) {
            case "imaging", "stack" -> netboot(mode, serviceUrl, vhost, network, defaults, rounds, counts);
            case "real" -> real(serviceUrl, network, defaults, rounds, counts);
            default -> throw new IllegalArgumentException("mode " + mode + " is not imaging, stack or real");
        };
        Files.writeString(results, report);
        System.out.println("results written to " + results);
    }

    /** The imaging and stack modes: the netboot image, relops against bare iPXE and bare direct -kernel boots. */
    static String netboot(String mode, String serviceUrl, String vhost, BareNetwork network, ImagingDefaults defaults,
            int rounds, int[] counts) throws Exception {
        boolean stack = mode.equals("stack");
        Segment relopsSegment = stack ? null : Segment.parse(required("relopsSegment"));
        String imagingUrl = stack ? imagingUrlOf(serviceUrl) : serviceUrl;
        Path work = Files.createTempDirectory("relops-boot-bench-");
        StringBuilder report = new StringBuilder();
        StringBuilder samples = new StringBuilder();
        try {
            Artifacts image = Artifacts.fetch(imagingUrl, IMAGE, false, work);
            report.append("# relops boot benchmark, ").append(Instant.now()).append('\n');
            report.append("# mode ").append(mode).append(": ").append(stack
                    ? "request accepted -> request FULFILLED (booted, in DNS, allocated), via request-service, on"
                            + " the systems of hardware class " + hardwareClass()
                    : "host.reserved published -> machine.booted, via imaging-service alone").append('\n');
            report.append("# relops' qemu boot path: ").append(System.getProperty("relopsBoot", "network"))
                    .append(stack ? " (relops.imaging.qemu.boot; the libvirt provider's systems boot over the network"
                            + " whatever it says: see the samples' systems)\n" : " (relops.imaging.qemu.boot)\n");
            report.append(networkLine(network,
                    stack ? "the inventory's segments" : relopsSegment.name() + " " + relopsSegment.cidr()));
            report.append("# image ").append(IMAGE).append(' ').append(image.digest()).append("; ")
                    .append(defaults.describe()).append(", ").append(cores()).append(" cores\n");
            report.append(String.format("%-9s %12s %14s %16s %10s %12s%n", "machines", "relops_s", "bare_ipxe_s",
                    "bare_kernel_s", "ratio", "ratio_kernel"));
            report.append("# load average at start: ").append(loadAverage()).append("; ").append(rounds)
                    .append(" rounds per row, medians shown, samples below\n");
            int most = Arrays.stream(counts).max().orElse(1);
            try (BareBoot bare = BareBoot.netboot(network, work, defaults, image, most)) {
                for (int count : counts) {
                    List<Double> relops = new ArrayList<>();
                    List<Double> ipxe = new ArrayList<>();
                    List<Double> kernel = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        // One after another, never overlapping; the order alternates so that a burst of load
                        // elsewhere does not always hit the same one.
                        if (round % 2 == 0) {
                            relops.add(round(stack ? stack(serviceUrl, IMAGE, count, 600)
                                    : imaging(vhost, count, relopsSegment)));
                            ipxe.add(round(bare.boot(count, true)));
                        } else {
                            ipxe.add(round(bare.boot(count, true)));
                            relops.add(round(stack ? stack(serviceUrl, IMAGE, count, 600)
                                    : imaging(vhost, count, relopsSegment)));
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
                    if (stack) {
                        samples.append(String.format("# relops samples' systems, %d machine(s): %s%n", count, PLACED));
                        PLACED.clear();
                    }
                }
            }
        } finally {
            deleteTree(work);
        }
        report.append(samples);
        report.append("# ratio = relops / bare iPXE boot (the control plane's overhead over the same network boot);\n");
        report.append("# ratio_kernel = relops / bare direct -kernel boot (with relops' network boot path it also counts"
                + " iPXE: its prompt, its DHCP, the kernel and initramfs over HTTP).\n");
        return report.toString();
    }

    /**
     * The real mode: releng-talos-linux64 slaves to their buildbot worker connected, relops (request accepted ->
     * FULFILLED) against bare iPXE boots to a bare master (qemu start -> worker connected in this boot). Each side
     * has its master up for all rounds: the benchmark's own relops request, and one bare VM.
     */
    static String real(String requestUrl, BareNetwork network, ImagingDefaults defaults, int rounds, int[] counts)
            throws Exception {
        int most = Arrays.stream(counts).max().orElse(1);
        if (most >= MASTER_HOST) {
            throw new IllegalArgumentException("at most " + (MASTER_HOST - 1) + " machines per row: the bare master"
                    + " has the segment's address number " + MASTER_HOST);
        }
        String imagingUrl = imagingUrlOf(requestUrl);
        Path work = Files.createTempDirectory("relops-boot-bench-");
        StringBuilder report = new StringBuilder();
        StringBuilder samples = new StringBuilder();
        try {
            Artifacts slave = Artifacts.fetch(imagingUrl, SLAVE_IMAGE, true, work);
            Artifacts master = Artifacts.fetch(imagingUrl, MASTER_IMAGE, true, work);
            report.append("# relops boot benchmark, ").append(Instant.now()).append('\n');
            report.append("# mode real: relops: request accepted -> request FULFILLED (every slave's buildbot worker"
                    + " connected to its master in this boot), via request-service, on qemu systems of hardware class ")
                    .append(hardwareClass()).append("; bare: qemu start -> every bare slave's worker connected to the"
                            + " bare master in this boot (its REST API, polled every second)\n");
            report.append("# relops' qemu boot path: ").append(System.getProperty("relopsBoot", "network"))
                    .append(" (relops.imaging.qemu.boot; the libvirt provider's systems boot over the network"
                            + " whatever it says)\n");
            report.append(networkLine(network, "the inventory's segments"));
            report.append("# slave image ").append(SLAVE_IMAGE).append(' ').append(slave.digest())
                    .append("; master image ").append(MASTER_IMAGE).append(' ').append(master.digest())
                    .append(" (one master per side, booted before the rounds and up during all of them)\n");
            report.append("# ").append(defaults.describe()).append(", a fresh data disk per slave and sample; ")
                    .append(cores()).append(" cores\n");
            report.append(String.format("%-9s %12s %14s %10s %12s%n", "machines", "relops_s", "bare_ipxe_s", "ratio",
                    "bare_rss_mb"));
            report.append("# load average at start: ").append(loadAverage()).append("; ").append(rounds)
                    .append(" rounds per row, medians shown, samples below\n");
            String relopsMaster = relopsMaster(requestUrl);
            try (BareBoot bare = BareBoot.real(network, work, defaults, slave, most, master)) {
                bare.startMaster();
                for (int count : counts) {
                    List<Double> relops = new ArrayList<>();
                    List<Double> ipxe = new ArrayList<>();
                    List<Double> rss = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        // Alternating, as in the netboot modes.
                        if (round % 2 == 0) {
                            relops.add(relopsRealSample(requestUrl, count));
                            bareRealSample(bare, count, ipxe, rss);
                        } else {
                            bareRealSample(bare, count, ipxe, rss);
                            relops.add(relopsRealSample(requestUrl, count));
                        }
                    }
                    double relopsMedian = median(relops);
                    double bareMedian = median(ipxe);
                    String line = String.format("%-9d %12.1f %14.1f %10.2f %12.0f%n", count, relopsMedian, bareMedian,
                            relopsMedian / bareMedian, median(rss));
                    System.out.print(line);
                    report.append(line);
                    samples.append(String.format(
                            "# samples, %d machine(s): relops %s, bare iPXE %s, bare qemu RSS MB %s%n",
                            count, relops, ipxe, rss));
                }
                samples.append(String.format("# bare master's qemu RSS at the end: %.0f MB%n", bare.masterRssMb()));
            } finally {
                decommissionQuietly(relopsMaster);
            }
        } finally {
            deleteTree(work);
        }
        report.append(samples);
        report.append("# ratio = relops / bare iPXE boot to the same point (worker connected to a master in this boot):"
                + " the control plane's overhead (placement, DHCP, DNS, SSH check, slavealloc's allocation and its"
                + " check of the connection) over booting the same image;\n");
        report.append("# bare_rss_mb = median VmRSS of a bare slave's qemu once its worker connected (MB = MiB), what"
                + " one such machine costs the host.\n");
        return report.toString();
    }

    static double relopsRealSample(String requestUrl, int count) throws Exception {
        double seconds = round(stack(requestUrl, SLAVE_IMAGE, count, RELOPS_REAL_SECONDS));
        System.out.printf("relops: %d x %s FULFILLED in %.1f s%n", count, SLAVE_IMAGE, seconds);
        return seconds;
    }

    static void bareRealSample(BareBoot bare, int count, List<Double> seconds, List<Double> rss) throws Exception {
        BareBoot.Sample sample = bare.bootWorkers(count);
        seconds.add(round(sample.seconds()));
        sample.rssMb().forEach(mb -> rss.add((double) Math.round(mb)));
        System.out.printf("bare: %d x %s connected in %.1f s (qemu RSS MB %s)%n", count, SLAVE_IMAGE,
                round(sample.seconds()), sample.rssMb().stream().map(Math::round).toList());
    }

    static String networkLine(BareNetwork network, String relopsSegments) {
        return "# network: relops and bare qemu both on tap devices on bridged segments of namespace "
                + network.namespace() + " (relops on " + relopsSegments + ", bare on " + network.segment().name() + " "
                + network.segment().cidr() + "), leases from dnsmasq static reservations, services at "
                + network.servicesAddress() + "\n";
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + property + " is missing (see run.sh)");
        }
        return value;
    }

    static String hardwareClass() {
        return System.getProperty("hardwareClass", "vm-small");
    }

    /** imaging-service of the local stack, beside its request-service. */
    static String imagingUrlOf(String requestUrl) {
        return requestUrl.replace(":8080", ":8082");
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
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

    /** A request request-service accepted: its URL, and when it answered. */
    record Submitted(String url, long acceptedAt) {
    }

    /**
     * Request accepted -> FULFILLED through request-service, in seconds; then decommissions the request (wiping
     * its volumes, so that the next sample starts from fresh disks too).
     */
    static double stack(String requestUrl, String image, int count, int fulfilSeconds) throws Exception {
        Submitted request = submit(requestUrl, image, count);
        double seconds;
        try {
            awaitState(request.url(), "fulfilled", fulfilSeconds);
            seconds = (System.nanoTime() - request.acceptedAt()) / 1e9;
            PLACED.add(systemsOf(request.url()));
        } catch (Exception e) {
            decommissionAfter(e, request.url());
            throw e;
        }
        decommission(request.url());
        return seconds;
    }

    /**
     * The systems each relops sample's machines got, in sample order (the hardware class may span providers: in
     * the local inventory vm-small is both qemu and libvirt systems, which boot differently).
     */
    static final List<List<String>> PLACED = new ArrayList<>();

    static List<String> systemsOf(String url) throws Exception {
        String body = HTTP.send(relops(url).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher system = Pattern.compile("\"systemName\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        List<String> systems = new ArrayList<>();
        while (system.find()) {
            systems.add(system.group(1));
        }
        return systems.stream().sorted().toList();
    }

    static Submitted submit(String requestUrl, String image, int count) throws Exception {
        // The hardware class selects the inventory's qemu VM slots: other classes may name systems that do
        // not boot a guest this way, which would make the numbers meaningless.
        String body = "{\"image\":\"" + image + "\",\"count\":" + count + ",\"appEnvironment\":\"production\","
                + "\"constraints\":{\"hardwareClass\":\"" + hardwareClass() + "\"}}";
        HttpResponse<String> accepted;
        try {
            accepted = HTTP.send(relops(requestUrl + "/v1/requests")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("request-service does not answer at " + requestUrl
                    + ": start the local stack first (./relops up)", e);
        }
        long acceptedAt = System.nanoTime();
        if (accepted.statusCode() / 100 != 2) {
            throw new IllegalStateException("request for " + count + " x " + image + " refused: "
                    + accepted.statusCode() + " " + accepted.body());
        }
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(accepted.body());
        if (!id.find()) {
            throw new IllegalStateException("request-service accepted the request but named no id: " + accepted.body());
        }
        return new Submitted(requestUrl + "/v1/requests/" + id.group(1), acceptedAt);
    }

    static void decommission(String url) throws Exception {
        HTTP.send(relops(url + "?wipe=true").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        awaitState(url, "decommissioned", DECOMMISSION_SECONDS);
    }

    /** Takes a failed sample's machines down too; a failure doing so goes with the sample's own. */
    static void decommissionAfter(Exception failure, String url) {
        try {
            decommission(url);
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    static void decommissionQuietly(String url) {
        try {
            decommission(url);
        } catch (Exception e) {
            System.err.println("could not decommission " + url + ": " + e.getMessage());
        }
    }

    /**
     * Asks relops for the buildbot master its slaves connect to (not timed: a master is there before its slaves,
     * as in production); the request's URL once FULFILLED. Without it no slave request would ever be FULFILLED.
     */
    static String relopsMaster(String requestUrl) throws Exception {
        System.out.println("asking relops for 1 x " + MASTER_IMAGE + ", the relops slaves' buildbot master (minutes)");
        Submitted request = submit(requestUrl, MASTER_IMAGE, 1);
        try {
            awaitState(request.url(), "fulfilled", MASTER_SECONDS);
        } catch (Exception e) {
            decommissionAfter(e, request.url());
            throw new IllegalStateException("relops did not deliver the buildbot master the relops slaves need (1 x "
                    + MASTER_IMAGE + ", " + request.url() + "), so no sample can be taken: " + e.getMessage(), e);
        }
        System.out.printf("relops master FULFILLED in %.0f s (%s)%n", (System.nanoTime() - request.acceptedAt()) / 1e9,
                request.url());
        return request.url();
    }

    static String awaitState(String url, String wanted, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        // the API writes states lower case; compared in any case
        Pattern state = Pattern.compile("\"state\"\\s*:\\s*\"([A-Za-z_]+)\"");
        while (System.nanoTime() < deadline) {
            String body = HTTP.send(relops(url).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = state.matcher(body);
            if (matcher.find()) {
                if (matcher.group(1).equalsIgnoreCase(wanted)) {
                    return wanted;
                }
                if (matcher.group(1).equalsIgnoreCase("failed")) {
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
        waitFor(condition, seconds, what, 50);
    }

    static void waitFor(Condition condition, int seconds, String what, long pollMillis)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " within " + seconds + " s");
            }
            Thread.sleep(pollMillis);
        }
    }

    static String latestDigest(String imagingUrl, String image) throws Exception {
        HttpResponse<String> response;
        try {
            response = HTTP.send(relops(imagingUrl + "/v1/images/" + image
                    + "/versions/latest").build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("imaging-service does not answer at " + imagingUrl
                    + " (the local stack: ./relops up)", e);
        }
        Matcher digest = DIGEST.matcher(response.body());
        if (response.statusCode() != 200 || !digest.find()) {
            throw new IllegalStateException("no built version of " + image + ": " + response.body());
        }
        return digest.group(1);
    }

    static void download(String imagingUrl, String digest, String name, Path into) throws Exception {
        String url = imagingUrl + "/boot/artifacts/" + digest.substring("sha256:".length()) + "/" + name;
        Path file = into.resolve(name);
        HttpResponse<Path> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofFile(file));
        if (response.statusCode() != 200) {
            String why = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
            Files.delete(file);
            throw new IllegalStateException("cannot download " + url + ": " + response.statusCode() + " " + why);
        }
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
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

    /** Resident memory of a qemu process, in MiB: VmRSS of its /proc/PID/status. */
    static double rssMb(Process process) throws IOException {
        ProcessHandle qemu = qemuOf(process.toHandle());
        for (String line : Files.readAllLines(Path.of("/proc/" + qemu.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("process " + qemu.pid() + " reports no VmRSS");
    }

    /** setpriv and ip netns exec replace themselves with qemu; should one of them fork instead, qemu is its child. */
    static ProcessHandle qemuOf(ProcessHandle started) {
        if (isQemu(started)) {
            return started;
        }
        return started.descendants().filter(BootBenchmark::isQemu).findFirst().orElse(started);
    }

    static boolean isQemu(ProcessHandle process) {
        return process.info().command().map(command -> command.contains("qemu")).orElse(false);
    }

    /**
     * What imaging-service gives every machine, read from its application.properties so that the bare machines
     * get the same: qemu's memory, data disk size and TCG translation cache (QemuProvider), and the extra kernel
     * command line and heartbeat interval of its iPXE scripts (IpxeScript).
     */
    record ImagingDefaults(int memoryMib, int diskMib, int tcgCacheMib, String kernelArguments,
            long heartbeatSeconds) {

        static ImagingDefaults load(Path file) throws IOException {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            return new ImagingDefaults(Integer.parseInt(value(properties, file, "relops.imaging.qemu.memory-mib")),
                    Integer.parseInt(value(properties, file, "relops.imaging.qemu.disk-mib")),
                    Integer.parseInt(value(properties, file, "relops.imaging.qemu.tcg-translation-cache-mib")),
                    value(properties, file, "relops.imaging.boot.kernel-arguments"),
                    seconds(value(properties, file, "relops.imaging.boot.heartbeat-interval")));
        }

        /** A property's value; of {@code ${ENV:default}}, the default (the local stack sets none of these). */
        private static String value(Properties properties, Path file, String key) {
            String value = properties.getProperty(key);
            if (value == null) {
                throw new IllegalStateException(file + " has no " + key);
            }
            Matcher fallback = Pattern.compile("\\$\\{[^:}]+:([^}]*)}").matcher(value.strip());
            return fallback.matches() ? fallback.group(1) : value.strip();
        }

        /** A Quarkus duration as this file writes them: 10s, 5m, 1h. */
        private static long seconds(String duration) {
            Matcher parts = Pattern.compile("(\\d+)([smh]?)").matcher(duration);
            if (!parts.matches()) {
                throw new IllegalStateException("cannot read the duration " + duration);
            }
            long amount = Long.parseLong(parts.group(1));
            return switch (parts.group(2)) {
                case "m" -> amount * 60;
                case "h" -> amount * 3600;
                default -> amount;
            };
        }

        /** qemu under TCG with its translation cache bounded, as QemuProvider starts it. */
        String accelerator() {
            return "tcg,tb-size=" + tcgCacheMib;
        }

        String describe() {
            return "qemu -accel " + accelerator() + " -m " + memoryMib + ", " + diskMib + " MiB data disk";
        }
    }

    /** One image version's boot artifacts, downloaded from imaging-service into a directory of their own. */
    record Artifacts(String image, String digest, Path directory, String rootSha256) {

        static final List<String> NETBOOT = List.of("vmlinuz", "initrd.img");
        static final List<String> REAL = List.of("vmlinuz", "initrd.img", "root.squashfs");

        /** The newest built version's; a real image's also with its root file system and that file's sha256. */
        static Artifacts fetch(String imagingUrl, String image, boolean real, Path work) throws Exception {
            String digest = latestDigest(imagingUrl, image);
            Path directory = Files.createDirectories(work.resolve(digest.substring("sha256:".length())));
            for (String name : real ? REAL : NETBOOT) {
                download(imagingUrl, digest, name, directory);
            }
            return new Artifacts(image, digest, directory, real ? sha256(directory.resolve("root.squashfs")) : null);
        }

        String hex() {
            return digest.substring("sha256:".length());
        }

        boolean real() {
            return rootSha256 != null;
        }

        Optional<Path> file(String name) {
            return (real() ? REAL : NETBOOT).contains(name) ? Optional.of(directory.resolve(name)) : Optional.empty();
        }
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
     * Just enough of a JSON reader for buildbot's REST answers: objects (as maps), arrays (as lists), strings,
     * numbers (as doubles), true, false and null.
     */
    static final class Json {

        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json reader = new Json(text);
            Object value = reader.value();
            reader.skipSpace();
            if (reader.at != text.length()) {
                throw reader.error("text after the value");
            }
            return value;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object value) {
            return value instanceof Map ? (Map<String, Object>) value : Map.of();
        }

        @SuppressWarnings("unchecked")
        static List<Object> list(Object value) {
            return value instanceof List ? (List<Object>) value : List.of();
        }

        static String string(Object value) {
            return value instanceof String text ? text : "";
        }

        private Object value() {
            skipSpace();
            char next = peek();
            if (next == '{') {
                return object();
            } else if (next == '[') {
                return array();
            } else if (next == '"') {
                return string();
            }
            if (text.startsWith("true", at)) {
                at += 4;
                return Boolean.TRUE;
            } else if (text.startsWith("false", at)) {
                at += 5;
                return Boolean.FALSE;
            } else if (text.startsWith("null", at)) {
                at += 4;
                return null;
            }
            return number();
        }

        private Map<String, Object> object() {
            Map<String, Object> fields = new LinkedHashMap<>();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                at++;
                return fields;
            }
            while (true) {
                skipSpace();
                String name = string();
                skipSpace();
                expect(':');
                fields.put(name, value());
                skipSpace();
                if (peek() != ',') {
                    expect('}');
                    return fields;
                }
                at++;
            }
        }

        private List<Object> array() {
            List<Object> items = new ArrayList<>();
            expect('[');
            skipSpace();
            if (peek() == ']') {
                at++;
                return items;
            }
            while (true) {
                items.add(value());
                skipSpace();
                if (peek() != ',') {
                    expect(']');
                    return items;
                }
                at++;
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char next = take();
                if (next == '"') {
                    return out.toString();
                }
                if (next != '\\') {
                    out.append(next);
                    continue;
                }
                char escaped = take();
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("a cut \\u escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(escaped); // \" \\ \/
                }
            }
        }

        private Double number() {
            int start = at;
            while (at < text.length() && "+-.eE0123456789".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw error("no JSON value");
            }
            return Double.valueOf(text.substring(start, at));
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        private char take() {
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(at++);
        }

        private void expect(char wanted) {
            if (take() != wanted) {
                throw error("'" + wanted + "' expected");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at character " + at + " of: "
                    + text.substring(0, Math.min(text.length(), 300)));
        }
    }

    /**
     * The bare baseline: a dnsmasq on the bare segment's bridge with imaging-service's flags, a static HTTP
     * server on the services address the bare machines boot from and report to, and the bare qemu runs. In the
     * real mode the server also stands in for slavealloc-service, between the bare slaves and the bare master.
     */
    static final class BareBoot implements AutoCloseable {

        /** A bare machine's identity and image: MAC, address and hostname fixed like an inventory system's. */
        record Reservation(String mac, String address, String hostname, Artifacts image) {
        }

        /** A running bare machine: its qemu, and the tap that attaches it to the segment. */
        record BareVm(Reservation machine, Process qemu, String tap) {
        }

        /** A machine's phone-home: when, from which address, and its boot id (real images send one). */
        record PhoneHome(long at, String from, String bootId) {
        }

        /** One real-image sample: qemu start -> every worker connected, and each bare slave's qemu RSS (MiB). */
        record Sample(double seconds, List<Double> rssMb) {
        }

        /** An answer of the bare server: a status and a text, or a file streamed from disk. */
        record Reply(int status, byte[] body, Path file) {

            static Reply text(int status, String text) {
                return new Reply(status, text.getBytes(StandardCharsets.UTF_8), null);
            }

            static Reply empty() {
                return new Reply(200, new byte[0], null);
            }

            static Reply file(Path file) {
                return new Reply(200, null, file);
            }
        }

        private static final String BENCHMARK_PUBLIC_KEY =
                "ssh-ed25519 "
                + "AAAAC3NzaC1lZDI1NTE5AAAAIByJJFBC8gswhGNLnNfHmLTEJsEMj2X0geDL/g4Icrzs relops-boot-benchmark";
        private static final Pattern SCRIPT = Pattern.compile("/boot/([0-9a-f-]+)\\.ipxe");
        private static final Pattern ARTIFACT = Pattern.compile("/boot/artifacts/([0-9a-f]{64})/([a-z0-9.]+)");
        private static final Pattern TAC = Pattern.compile("/gettac/([^/]+)");
        private static final Pattern CREDENTIAL = Pattern.compile("/v1/masters/([^/]+)/credential");
        private static final Pattern WORKERS = Pattern.compile("/v1/masters/([^/]+)/workers");
        private static final Pattern TAC_PLACEHOLDER = Pattern.compile("%\\(([a-z_]+)\\)([rsd])");
        private static final DateTimeFormatter GENDATE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy 'UTC'",
                Locale.ROOT);
        /** slavealloc-service's built-in tac template (its resources/tac/default.tac), for buildbot-worker. */
        private static final String TAC_TEMPLATE = """
                # AUTOMATICALLY GENERATED - DO NOT MODIFY
                # generated: %(gendate)s on %(genhost)s for master %(master)s
                import os

                from buildbot_worker.bot import Worker
                from twisted.application import service

                basedir = %(basedir)r
                rotateLength = 10000000
                maxRotatedFiles = 10

                # if this is a relocatable tac file, get the directory containing the TAC
                if basedir == '.':
                    basedir = os.path.abspath(os.path.dirname(__file__))

                application = service.Application('buildbot-worker')
                from twisted.python.logfile import LogFile
                from twisted.python.log import ILogObserver, FileLogObserver
                logfile = LogFile.fromFullPath(
                    os.path.join(basedir, "twistd.log"), rotateLength=rotateLength,
                    maxRotatedFiles=maxRotatedFiles)
                application.setComponent(ILogObserver, FileLogObserver(logfile).emit)

                buildmaster_host = %(buildmaster_host)r
                port = %(port)d
                workername = %(slavename)r
                passwd = %(passwd)r
                # Short: a master drops the connection of a worker that died within seconds, and a worker whose master
                # went away (or does not know it yet) tries again within seconds.
                keepalive = 10
                umask = 0o022
                maxdelay = 10
                numcpus = None
                allow_shutdown = None
                maxretries = None

                s = Worker(buildmaster_host, port, workername, passwd, basedir,
                           keepalive, umask=umask, maxdelay=maxdelay,
                           numcpus=numcpus, allow_shutdown=allow_shutdown,
                           maxRetries=maxretries)
                s.setServiceParent(application)
                """;

        private final BareNetwork network;
        private final Path work;
        private final ImagingDefaults defaults;
        private final String bridge;
        private final String baseUrl;
        /** bare-1, bare-2, ...: the machines measured. */
        private final List<Reservation> machines;
        /** The bare master of the real mode; null in the netboot modes. */
        private final Reservation master;
        private final Map<String, Reservation> reservations = new LinkedHashMap<>();
        private final Map<String, Artifacts> images = new HashMap<>();
        private final Map<String, PhoneHome> phonedHome = new ConcurrentHashMap<>();
        /** Each bare worker's password, fixed for the run (slavealloc keeps a slave's too). */
        private final Map<String, String> passwords = new HashMap<>();
        /** The workers the bare master is given now: those of the machines of the round under way. */
        private final Set<String> enrolled = ConcurrentHashMap.newKeySet();
        private volatile String masterCredential;
        private BareVm masterVm;
        private final ExecutorService handlers = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "bare-http");
            thread.setDaemon(true);
            return thread;
        });
        private final HttpServer server;
        private final Process dnsmasq;

        private BareBoot(BareNetwork network, Path work, ImagingDefaults defaults, List<Reservation> machines,
                Reservation master) throws Exception {
            this.network = network;
            this.work = work;
            this.defaults = defaults;
            this.bridge = network.bridge();
            this.baseUrl = "http://" + network.servicesAddress() + ":" + BARE_PORT;
            this.machines = machines;
            this.master = master;
            Path hosts = Files.createDirectories(work.resolve("dhcp-hosts"));
            for (Reservation machine : everyReservation()) {
                reservations.put(machine.mac(), machine);
                images.put(machine.image().hex(), machine.image());
                Files.writeString(hosts.resolve(machine.mac().replace(':', '-')),
                        machine.mac() + "," + machine.address() + "," + machine.hostname() + "\n");
            }
            for (Reservation machine : machines) {
                passwords.put(machine.hostname(), randomHex(12));
            }
            // On every address, as imaging-service listens: the machines come in through the uplink.
            server = HttpServer.create(new InetSocketAddress("0.0.0.0", BARE_PORT), 64);
            server.createContext("/", this::handle);
            // Several at once, as imaging-service serves them: machines fetch their artifacts together.
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

        /** The netboot modes: {@code count} machines of the netboot image. */
        static BareBoot netboot(BareNetwork network, Path work, ImagingDefaults defaults, Artifacts image, int count)
                throws Exception {
            return new BareBoot(network, work, defaults, numbered(network, image, count), null);
        }

        /** The real mode: {@code count} slaves of the slave image, and a master of the master image. */
        static BareBoot real(BareNetwork network, Path work, ImagingDefaults defaults, Artifacts slave, int count,
                Artifacts master) throws Exception {
            Reservation bareMaster = new Reservation("52:54:00:ba:01:00", network.segment().address(MASTER_HOST),
                    "bare-master", master);
            return new BareBoot(network, work, defaults, numbered(network, slave, count), bareMaster);
        }

        private static List<Reservation> numbered(BareNetwork network, Artifacts image, int count) {
            List<Reservation> numbered = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                numbered.add(new Reservation(String.format("52:54:00:ba:00:%02x", i), network.segment().address(i),
                        "bare-" + i, image));
            }
            return numbered;
        }

        private List<Reservation> everyReservation() {
            List<Reservation> every = new ArrayList<>(machines);
            if (master != null) {
                every.add(master);
            }
            return every;
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

        // ---- the bare HTTP server: imaging-service's boot endpoints, and slavealloc-service's for the real images

        private void handle(HttpExchange exchange) throws IOException {
            Reply reply;
            try {
                reply = answer(exchange);
            } catch (IOException | RuntimeException e) {
                System.err.println("bare server: " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                        + " failed: " + e);
                reply = Reply.text(500, e + "\n");
            }
            send(exchange, reply);
        }

        private Reply answer(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String from = exchange.getRemoteAddress().getAddress().getHostAddress();
            Map<String, String> form = form(exchange.getRequestBody().readAllBytes());
            Matcher script = SCRIPT.matcher(path);
            Matcher artifact = ARTIFACT.matcher(path);
            Matcher tac = TAC.matcher(path);
            Matcher credential = CREDENTIAL.matcher(path);
            Matcher workers = WORKERS.matcher(path);
            if (script.matches()) {
                return Reply.text(200, script(reservations.get(script.group(1).replace('-', ':'))));
            } else if (artifact.matches()) {
                return artifact(artifact.group(1), artifact.group(2));
            } else if (path.equals("/boot/authorized-keys")) {
                // A public key (its private half was thrown away): the bare machines start their SSH server too,
                // host key and all, so both sides boot the same image to the same point.
                return Reply.text(200, BENCHMARK_PUBLIC_KEY + "\n");
            } else if (path.equals("/boot/phone-home")) {
                return phoneHome(form, from);
            } else if (path.equals("/boot/heartbeat") || path.equals("/boot/refreshed")) {
                // Nothing to tell the machine: no refresh is ever due.
                return Reply.empty();
            } else if (tac.matches()) {
                return tac(tac.group(1), from);
            } else if (credential.matches() && exchange.getRequestMethod().equals("POST")) {
                return credential(credential.group(1), from);
            } else if (workers.matches()) {
                return workers(workers.group(1), exchange.getRequestHeaders().getFirst("Authorization"));
            }
            System.err.println("bare server: nothing at " + exchange.getRequestMethod() + " " + path + " (asked by "
                    + from + ")");
            return Reply.text(404, "nothing at " + path + "\n");
        }

        private static void send(HttpExchange exchange, Reply reply) throws IOException {
            if (reply.file() != null) {
                exchange.sendResponseHeaders(200, Files.size(reply.file()));
                try (OutputStream out = exchange.getResponseBody()) {
                    // Streamed: a real image's root file system is 110-170 MB, and several machines fetch it at once.
                    Files.copy(reply.file(), out);
                }
                return;
            }
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }

        /** A form post's fields (the agents post application/x-www-form-urlencoded). */
        private static Map<String, String> form(byte[] body) {
            Map<String, String> fields = new HashMap<>();
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            return fields;
        }

        /** The same script shape imaging-service hands out (its IpxeScript), with the bare server's URLs. */
        private String script(Reservation machine) {
            if (machine == null) {
                return "#!ipxe\necho not a bare benchmark machine\nexit 1\n";
            }
            return "#!ipxe\n"
                    + "echo bare: booting " + machine.hostname() + "\n"
                    + "kernel " + artifactsUrl(machine.image()) + "/vmlinuz initrd=initrd.img " + cmdline(machine)
                    + " || goto failed\n"
                    + "initrd " + artifactsUrl(machine.image()) + "/initrd.img || goto failed\n"
                    + "boot || goto failed\n"
                    + ":failed\n"
                    + "exit 1\n";
        }

        /**
         * The kernel command line imaging-service's IpxeScript writes, every URL pointing at the bare server: a real
         * image is also told its root file system and that file's sha256, and where "slavealloc" is.
         */
        private String cmdline(Reservation machine) {
            Artifacts image = machine.image();
            String line = defaults.kernelArguments() + " relops.url=" + baseUrl + " relops.host=" + machine.hostname()
                    + " relops.token=bare relops.digest=" + image.digest() + " relops.tac=" + baseUrl + "/gettac/"
                    + machine.hostname() + " relops.beat=" + defaults.heartbeatSeconds();
            if (image.real()) {
                line += " relops.root=" + artifactsUrl(image) + "/root.squashfs relops.root_sha256="
                        + image.rootSha256() + " relops.slavealloc=" + baseUrl;
            }
            return line;
        }

        private String artifactsUrl(Artifacts image) {
            return baseUrl + "/boot/artifacts/" + image.hex();
        }

        private Reply artifact(String hex, String name) {
            Optional<Path> file = Optional.ofNullable(images.get(hex)).flatMap(image -> image.file(name));
            return file.map(Reply::file)
                    .orElseGet(() -> Reply.text(404, "no artifact " + name + " for digest " + hex + "\n"));
        }

        /** As imaging-service takes it: from a known MAC, with the digest of the image it was given. */
        private Reply phoneHome(Map<String, String> form, String from) {
            Reservation machine = reservations.get(form.getOrDefault("mac", ""));
            if (machine == null) {
                return Reply.text(403, "unknown MAC\n");
            }
            if (!machine.image().digest().equals(form.get("digest"))) {
                return Reply.text(422, "booted image " + form.get("digest") + " instead of " + machine.image().digest()
                        + "\n");
            }
            phonedHome.putIfAbsent(machine.mac(), new PhoneHome(System.nanoTime(), from, form.get("boot_id")));
            return Reply.text(200, "welcome " + machine.hostname() + "\n");
        }

        /**
         * GET /gettac/HOST as slavealloc-service answers it: the worker's buildbot.tac, to the machine's own address
         * only, once its master has it ("no allocation available" before, which relops-worker waits out).
         */
        private Reply tac(String hostname, String from) {
            Optional<Reservation> slave = machines.stream().filter(m -> m.hostname().equals(hostname)).findFirst();
            if (master == null || slave.isEmpty() || !enrolled.contains(hostname)) {
                return Reply.text(404, "no allocation available");
            }
            if (!slave.get().address().equals(from)) {
                return Reply.text(403, "the buildbot.tac of " + hostname + " is served to its own address only\n");
            }
            return Reply.text(200, renderTac(slave.get()));
        }

        /** The tac as slavealloc-service's TacRenderer fills the template: %(name)r a Python literal, else as is. */
        private String renderTac(Reservation slave) {
            Map<String, Object> values = Map.of(
                    "gendate", ZonedDateTime.now(ZoneOffset.UTC).format(GENDATE),
                    "genhost", "boot-benchmark",
                    "master", master.hostname(),
                    "basedir", WORKER_BASEDIR,
                    // An address: the bare side has no DNS entry for its master.
                    "buildmaster_host", master.address(),
                    "port", MASTER_PB_PORT,
                    "slavename", slave.hostname(),
                    "passwd", passwords.get(slave.hostname()));
            Matcher placeholder = TAC_PLACEHOLDER.matcher(TAC_TEMPLATE);
            StringBuilder tac = new StringBuilder();
            while (placeholder.find()) {
                Object value = values.get(placeholder.group(1));
                String text = placeholder.group(2).equals("r") && value instanceof String string ? pythonLiteral(string)
                        : String.valueOf(value);
                placeholder.appendReplacement(tac, Matcher.quoteReplacement(text));
            }
            return placeholder.appendTail(tac).toString();
        }

        private static String pythonLiteral(String value) {
            return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }

        /**
         * POST /v1/masters/NAME/credential as slavealloc-service answers it: a fresh credential (the last one issued
         * is the one that counts), to the master's own address only.
         */
        private Reply credential(String name, String from) {
            if (master == null || !master.hostname().equals(name)) {
                return Reply.text(404, "no master '" + name + "' that relops booted\n");
            }
            if (!master.address().equals(from)) {
                return Reply.text(403, "the credential of master " + name + " is issued only to its own machine's"
                        + " address\n");
            }
            masterCredential = randomHex(24);
            return Reply.text(200, masterCredential + "\n");
        }

        /** GET /v1/masters/NAME/workers with the credential (Bearer): the master's workers.json. */
        private Reply workers(String name, String authorization) {
            if (master == null || !master.hostname().equals(name)) {
                return Reply.text(404, "no master '" + name + "' that relops booted\n");
            }
            String credential = masterCredential;
            if (credential == null || authorization == null || !authorization.strip().equals("Bearer " + credential)) {
                return Reply.text(401, "the credential is not master " + name + "'s\n");
            }
            return Reply.text(200, workersJson());
        }

        /** slavealloc-service's MasterWorkers: {"master":NAME,"workers":[{"name":...,"password":...}]}, by name. */
        private String workersJson() {
            StringBuilder json = new StringBuilder("{\"master\":\"").append(master.hostname())
                    .append("\",\"workers\":[");
            String separator = "";
            for (Reservation machine : machines.stream().sorted(Comparator.comparing(Reservation::hostname)).toList()) {
                if (enrolled.contains(machine.hostname())) {
                    json.append(separator).append("{\"name\":\"").append(machine.hostname())
                            .append("\",\"password\":\"").append(passwords.get(machine.hostname())).append("\"}");
                    separator = ",";
                }
            }
            return json.append("]}").toString();
        }

        // ---- the bare machines

        private static String tapOf(Reservation machine) {
            return "r" + machine.hostname().replace("-", "");
        }

        private Path console(Reservation machine) {
            return work.resolve(machine.hostname() + ".console");
        }

        /** A new empty data disk of relops' size, as relops gives a machine after a decommission with wipe. */
        private Path freshDisk(Reservation machine) throws IOException {
            Path disk = work.resolve(machine.hostname() + ".img");
            Files.deleteIfExists(disk);
            try (RandomAccessFile file = new RandomAccessFile(disk.toFile(), "rw")) {
                file.setLength((long) defaults.diskMib() << 20);
            }
            return disk;
        }

        /** Starts one bare machine with relops' qemu options (QemuProvider), less the QMP socket it watches it by. */
        private BareVm start(Reservation machine, Path disk, List<String> boot) throws Exception {
            // A tap on the segment's bridge per machine, made at its start as imaging-service makes it.
            String tap = tapOf(machine);
            if (!exists(tap)) {
                network.run("ip", "tuntap", "add", "dev", tap, "mode", "tap");
            }
            network.run("ip", "link", "set", tap, "master", bridge, "up");
            List<String> qemu = new ArrayList<>(List.of("qemu-system-x86_64", "-name", machine.hostname(),
                    "-accel", defaults.accelerator(), "-cpu", "max", "-m", Integer.toString(defaults.memoryMib()),
                    "-smp", "1", "-nodefaults", "-display", "none", "-no-reboot", "-serial", "file:" + console(machine),
                    "-netdev", "tap,id=n0,ifname=" + tap + ",script=no,downscript=no",
                    "-device", "virtio-net-pci,netdev=n0,mac=" + machine.mac(),
                    "-drive", "file=" + disk + ",format=raw,if=virtio"));
            qemu.addAll(boot);
            Process process = new ProcessBuilder(dyingWithUs(network.inNamespace(qemu.toArray(String[]::new))))
                    .redirectErrorStream(true).redirectOutput(work.resolve(machine.hostname() + ".qemu.log").toFile())
                    .start();
            return new BareVm(machine, process, tap);
        }

        private void stop(List<BareVm> vms) throws Exception {
            for (BareVm vm : vms) {
                vm.qemu().destroyForcibly().waitFor();
            }
            for (BareVm vm : vms) {
                if (exists(vm.tap())) {
                    network.run("ip", "link", "del", vm.tap());
                }
            }
        }

        private static List<String> ipxeBoot() {
            return List.of("-boot", "n");
        }

        private List<String> directKernelBoot(Reservation machine) {
            Path directory = machine.image().directory();
            return List.of("-kernel", directory.resolve("vmlinuz").toString(), "-initrd",
                    directory.resolve("initrd.img").toString(), "-append", cmdline(machine));
        }

        /** Netboot: boots {@code count} bare VMs at once; seconds until the last phoned home from its address. */
        double boot(int count, boolean ipxe) throws Exception {
            List<Reservation> booting = machines.subList(0, count);
            phonedHome.clear();
            List<BareVm> vms = new ArrayList<>();
            long started = System.nanoTime();
            try {
                for (Reservation machine : booting) {
                    vms.add(start(machine, freshDisk(machine), ipxe ? ipxeBoot() : directKernelBoot(machine)));
                }
                try {
                    waitFor(() -> booting.stream().allMatch(machine -> phonedHome.containsKey(machine.mac())), 300,
                            "bare phone-home");
                } catch (IllegalStateException e) {
                    throw new IllegalStateException(e.getMessage() + diagnosis(booting), e);
                }
                requireReservedAddresses(booting);
                long last = booting.stream().mapToLong(machine -> phonedHome.get(machine.mac()).at()).max()
                        .orElseThrow();
                return (last - started) / 1e9;
            } finally {
                stop(vms);
            }
        }

        /** Real mode: boots the bare master (not timed) and waits until its REST API answers; it runs until close(). */
        void startMaster() throws Exception {
            System.out.println("booting the bare master " + master.hostname() + " (" + master.image().image() + ", "
                    + master.address() + "; minutes)");
            long started = System.nanoTime();
            // Its disk is kept for the whole run, as relops keeps a master's.
            masterVm = start(master, freshDisk(master), ipxeBoot());
            try {
                waitFor(() -> {
                    requireRunning(masterVm);
                    return masterApi("masters").isPresent();
                }, MASTER_SECONDS, "answer from the bare master's REST API at " + masterApiUrl("masters"), 1000);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + diagnosis(List.of()), e);
            }
            System.out.printf("bare master up in %.0f s%n", (System.nanoTime() - started) / 1e9);
        }

        /**
         * Real mode, one sample: boots {@code count} bare slaves at once, each on a fresh data disk, and times qemu
         * start -> the bare master shows every one's worker connected in this boot; then records each qemu's RSS
         * and stops them.
         */
        Sample bootWorkers(int count) throws Exception {
            List<Reservation> booting = machines.subList(0, count);
            booting.forEach(machine -> phonedHome.remove(machine.mac()));
            enroll(booting);
            List<BareVm> vms = new ArrayList<>();
            try {
                long started = System.nanoTime();
                for (Reservation machine : booting) {
                    vms.add(start(machine, freshDisk(machine), ipxeBoot()));
                }
                try {
                    waitFor(() -> allConnected(vms), REAL_MACHINE_SECONDS, "bare worker connected to the bare master",
                            1000);
                } catch (IllegalStateException e) {
                    throw new IllegalStateException(e.getMessage() + diagnosis(booting)
                            + "\nbare master's /api/v2/workers: " + masterApi("workers").orElse("(no answer)"), e);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                requireReservedAddresses(booting);
                List<Double> rss = new ArrayList<>();
                for (BareVm vm : vms) {
                    rss.add(rssMb(vm.qemu()));
                }
                return new Sample(seconds, rss);
            } finally {
                stop(vms);
                withdraw(booting);
            }
        }

        double masterRssMb() throws IOException {
            return rssMb(masterVm.qemu());
        }

        /**
         * Gives the bare master these workers, as slavealloc-service allocates slaves to a master, and waits until it
         * has them configured (it reads its workers every few seconds and reconfigures). Before the clock starts: the
         * bare sample is the boot to a connected worker, never a worker waiting for its master to know it.
         */
        private void enroll(List<Reservation> workers) throws Exception {
            workers.forEach(worker -> enrolled.add(worker.hostname()));
            try {
                waitFor(() -> {
                    requireRunning(masterVm);
                    return masterWorkers().map(known -> workers.stream()
                            .allMatch(worker -> configured(known.get(worker.hostname())))).orElse(false);
                }, 120, "bare master configured with its workers", 1000);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "\nbare master's /api/v2/workers: "
                        + masterApi("workers").orElse("(no answer)") + diagnosis(List.of()), e);
            }
        }

        /**
         * Takes the workers off the bare master again, as slavealloc-service detaches decommissioned slaves, and waits
         * until it dropped their connections: a dead machine's connection otherwise stays open on the master, and the
         * next sample's worker of the same name would wait out buildbot's duplicate-connection check.
         */
        private void withdraw(List<Reservation> workers) {
            workers.forEach(worker -> enrolled.remove(worker.hostname()));
            try {
                waitFor(() -> masterWorkers().map(known -> workers.stream()
                        .noneMatch(worker -> connected(known.get(worker.hostname())))).orElse(false),
                        120, "disconnection of the stopped bare workers", 1000);
            } catch (RuntimeException | IOException e) {
                System.err.println("warning: " + e.getMessage() + "; the next bare sample may include buildbot's"
                        + " duplicate-connection check (up to 10 s)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private boolean allConnected(List<BareVm> vms) {
            vms.forEach(this::requireRunning);
            Optional<Map<String, Map<String, Object>>> workers = masterWorkers();
            if (workers.isEmpty()) {
                return false;
            }
            for (BareVm vm : vms) {
                PhoneHome phoned = phonedHome.get(vm.machine().mac());
                Map<String, Object> worker = workers.get().get(vm.machine().hostname());
                if (phoned == null || phoned.bootId() == null || !connectedInBoot(worker, phoned.bootId())) {
                    return false;
                }
            }
            return true;
        }

        private static boolean configured(Map<String, Object> worker) {
            return worker != null && !Json.list(worker.get("configured_on")).isEmpty();
        }

        private static boolean connected(Map<String, Object> worker) {
            return worker != null && !Json.list(worker.get("connected_to")).isEmpty();
        }

        /**
         * Connected in this boot, as slavealloc-service checks before relops counts a slave ready (its BuildbotApi):
         * the worker's info/host, which relops-worker writes at every boot, carries the boot id it phoned home with.
         */
        private static boolean connectedInBoot(Map<String, Object> worker, String bootId) {
            return connected(worker) && Json.string(Json.map(worker.get("workerinfo")).get("host")).contains(bootId);
        }

        /** The bare master's workers by name, as GET /api/v2/workers lists them; empty while it does not answer. */
        private Optional<Map<String, Map<String, Object>>> masterWorkers() {
            return masterApi("workers").map(body -> {
                Map<String, Map<String, Object>> byName = new HashMap<>();
                for (Object worker : Json.list(Json.map(Json.parse(body)).get("workers"))) {
                    Map<String, Object> fields = Json.map(worker);
                    byName.put(Json.string(fields.get("name")), fields);
                }
                return byName;
            });
        }

        private String masterApiUrl(String path) {
            return "http://" + master.address() + ":" + MASTER_WEB_PORT + "/api/v2/" + path;
        }

        /**
         * One GET of the bare master's REST API, from this host: scripts/network.sh routes every segment of the
         * namespace to it, as services on the host reach relops machines.
         */
        private Optional<String> masterApi(String path) {
            try {
                HttpResponse<String> response = BUILDBOT.send(HttpRequest.newBuilder(URI.create(masterApiUrl(path)))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        private void requireRunning(BareVm vm) {
            if (!vm.qemu().isAlive()) {
                throw new IllegalStateException(vm.machine().hostname() + "'s qemu exited (code "
                        + vm.qemu().exitValue() + ")");
            }
        }

        /** From its reserved address, or the machine did not boot on the bridged segment as it should. */
        private void requireReservedAddresses(List<Reservation> booted) {
            for (Reservation machine : booted) {
                String from = phonedHome.get(machine.mac()).from();
                if (!machine.address().equals(from)) {
                    throw new IllegalStateException(machine.hostname() + " phoned home from " + from
                            + ", not from its address " + machine.address());
                }
            }
        }

        private boolean exists(String device) throws InterruptedException {
            try {
                network.run("ip", "link", "show", device);
                return true;
            } catch (IOException | IllegalStateException e) {
                return false;
            }
        }

        /** The console tails of these machines and of the bare master, if it runs, and the bare dnsmasq's log tail. */
        private String diagnosis(List<Reservation> booting) throws IOException {
            List<Reservation> shown = new ArrayList<>(booting);
            if (masterVm != null) {
                shown.add(master);
            }
            StringBuilder text = new StringBuilder();
            for (Reservation machine : shown) {
                text.append('\n').append(machine.hostname()).append(" console tail:\n")
                        .append(tail(console(machine), 15));
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
            if (masterVm != null) {
                try {
                    stop(List.of(masterVm));
                } catch (Exception e) {
                    System.err.println("could not stop the bare master: " + e);
                }
            }
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
            // A machine whose start failed half-way may have left its tap on the bridge.
            for (Reservation machine : everyReservation()) {
                try {
                    if (exists(tapOf(machine))) {
                        network.run("ip", "link", "del", tapOf(machine));
                    }
                } catch (Exception e) {
                    System.err.println("could not remove the tap " + tapOf(machine) + ": " + e.getMessage());
                }
            }
        }
    }
}
