import java.io.IOException;
import java.io.OutputStream;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Boot benchmark: how long relops takes to deliver N machines, against booting the same kernel and
 * initramfs with bare qemu on the same machine in the same run (the control plane's overhead).
 *
 * <p>Modes: {@code stack} measures request accepted (POST /v1/requests answered) -> request FULFILLED
 * (every machine booted, in DNS, allocated) through request-service; {@code imaging} measures
 * host.reserved published -> machine.booted through imaging-service alone. The bare baselines boot
 * the image's artifacts with the same qemu options (TCG, user networking, virtio, a fresh data
 * disk) until the same boot agent phones home to a static HTTP server: once over iPXE (like relops)
 * and once with a direct -kernel boot (no firmware network boot at all).
 *
 * <p>Usage: java -cp amqp-client.jar:slf4j-api.jar BootBenchmark.java MODE SERVICE_URL RESULTS [AMQP_VHOST]
 */
public class BootBenchmark {

    static final String IMAGE = "releng-talos-linux64";
    static final int BARE_PORT = 18190;
    static final Pattern DIGEST = Pattern.compile("\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String serviceUrl = args[1];
        Path results = Path.of(args[2]);
        String vhost = args.length > 3 ? args[3] : "relops-bench";
        String imagingUrl = mode.equals("stack") ? serviceUrl.replace(":8080", ":8082") : serviceUrl;
        String digest = latestDigest(imagingUrl);
        Path artifacts = Files.createTempDirectory("relops-boot-bench-");
        download(imagingUrl, digest, "vmlinuz", artifacts);
        download(imagingUrl, digest, "initrd.img", artifacts);

        StringBuilder report = new StringBuilder();
        report.append("# relops boot benchmark, ").append(Instant.now()).append('\n');
        report.append("# mode ").append(mode).append(": ").append(mode.equals("stack")
                ? "request accepted -> request FULFILLED (booted, in DNS, allocated), via request-service, on qemu"
                        + " systems of hardware class " + System.getProperty("hardwareClass", "vm-small")
                : "host.reserved published -> machine.booted, via imaging-service alone").append('\n');
        report.append("# image ").append(IMAGE).append(' ').append(digest).append("; qemu -accel tcg, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores\n");
        report.append(String.format("%-9s %12s %14s %16s %10s %12s%n", "machines", "relops_s", "bare_ipxe_s",
                "bare_kernel_s", "ratio", "ratio_kernel"));
        int rounds = Integer.getInteger("rounds", 3);
        report.append("# load average at start: ").append(loadAverage()).append("; ").append(rounds)
                .append(" rounds per row, medians shown, samples below\n");
        StringBuilder samples = new StringBuilder();
        try (BareBootServer bare = new BareBootServer(artifacts, digest)) {
            for (int count : new int[] {1, 4}) {
                List<Double> relops = new ArrayList<>();
                List<Double> ipxe = new ArrayList<>();
                List<Double> kernel = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    // Alternate the order so that a burst of load elsewhere does not always hit the same one.
                    if (round % 2 == 0) {
                        relops.add(round(mode.equals("stack") ? stack(serviceUrl, count) : imaging(vhost, count)));
                        ipxe.add(round(bare.boot(count, true)));
                    } else {
                        ipxe.add(round(bare.boot(count, true)));
                        relops.add(round(mode.equals("stack") ? stack(serviceUrl, count) : imaging(vhost, count)));
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
        report.append(samples);
        report.append("# ratio = relops / bare iPXE boot (the control plane's overhead over the same network boot);\n");
        report.append("# ratio_kernel = relops / bare direct -kernel boot (also counts iPXE's own ~5 s).\n");
        Files.writeString(results, report.toString());
        System.out.println("results written to " + results);
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
        // Only systems of the qemu hardware class: the local inventory also has libvirt test-driver slots,
        // which "boot" at once and would flatter the numbers.
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
        String state = awaitState(url, "FULFILLED", 600);
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
            Thread.sleep(100);
        }
        throw new IllegalStateException(url + " did not reach " + wanted + " within " + seconds + " s");
    }

    /** host.reserved -> machine.booted through imaging-service alone; then decommissions the machines. */
    static double imaging(String vhost, int count) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(vhost);
        Map<String, String> booted = new ConcurrentHashMap<>();
        Map<String, String> destroyed = new ConcurrentHashMap<>();
        try (Connection connection = factory.newConnection("boot-benchmark")) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare("relops.events", "topic", true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, "relops.events", "machine.*");
            Pattern hostname = Pattern.compile("\"hostname\"\\s*:\\s*\"([^\"]+)\"");
            channel.basicConsume(queue, true, (tag, delivery) -> {
                String type = delivery.getEnvelope().getRoutingKey();
                Matcher host = hostname.matcher(new String(delivery.getBody(), StandardCharsets.UTF_8));
                if (host.find()) {
                    if (type.equals("machine.booted") || type.equals("machine.failed")) {
                        booted.put(host.group(1), type);
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
                String mac = String.format("52:54:00:be:%02x:%02x", count, i);
                publish(channel, "host.reserved", "{\"requestId\":\"bench-" + run + "\",\"hostname\":\"" + host
                        + "\",\"systemName\":\"bench-" + i + "\",\"provider\":\"qemu\",\"mac\":\"" + mac
                        + "\",\"location\":{\"datacenter\":\"bench\",\"row\":\"r1\",\"rack\":\"r1\"},\"image\":\""
                        + IMAGE + "\",\"imageVersion\":null,\"appEnvironment\":\"production\"}");
            }
            waitFor(() -> booted.keySet().containsAll(hosts), 600, "machine.booted");
            double seconds = (System.nanoTime() - start) / 1e9;
            if (booted.containsValue("machine.failed")) {
                throw new IllegalStateException("a machine failed to boot: " + booted);
            }
            for (String host : hosts) {
                publish(channel, "machine.decommission.requested", "{\"requestId\":\"bench-" + run
                        + "\",\"hostname\":\"" + host + "\",\"systemName\":null,\"wipeVolumes\":true}");
            }
            waitFor(() -> destroyed.keySet().containsAll(hosts), 120, "machine.destroyed");
            return seconds;
        }
    }

    static void publish(Channel channel, String type, String data) throws IOException {
        String envelope = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\","
                + "\"source\":\"/relops/benchmark\",\"type\":\"" + type + "\",\"correlationid\":\"benchmark\","
                + "\"time\":\"" + Instant.now() + "\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}";
        channel.basicPublish("relops.events", type, new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                .contentType("application/cloudevents+json").deliveryMode(2).build(),
                envelope.getBytes(StandardCharsets.UTF_8));
    }

    interface Condition {
        boolean holds();
    }

    static void waitFor(Condition condition, int seconds, String what) throws InterruptedException {
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

    /** A static HTTP server the bare VMs boot from and phone home to, and the bare qemu runs themselves. */
    static final class BareBootServer implements AutoCloseable {

        private final Path artifacts;
        private final String digest;
        private final HttpServer server;
        private final Map<String, Long> phonedHome = new ConcurrentHashMap<>();

        BareBootServer(Path artifacts, String digest) throws IOException {
            this.artifacts = artifacts;
            this.digest = digest;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", BARE_PORT), 16);
            server.createContext("/", this::handle);
            server.start();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            if (path.equals("/bare.ipxe")) {
                body = ("#!ipxe\nkernel http://10.0.2.2:" + BARE_PORT + "/vmlinuz initrd=initrd.img " + cmdline()
                        + "\ninitrd http://10.0.2.2:" + BARE_PORT + "/initrd.img\nboot\n")
                        .getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/vmlinuz") || path.equals("/initrd.img")) {
                body = Files.readAllBytes(artifacts.resolve(path.substring(1)));
            } else if (path.equals("/boot/phone-home")) {
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Matcher mac = Pattern.compile("mac=([0-9a-f:]+)").matcher(form);
                if (mac.find()) {
                    phonedHome.putIfAbsent(mac.group(1), System.nanoTime());
                }
                body = "ok\n".getBytes(StandardCharsets.UTF_8);
            } else {
                body = new byte[0];
            }
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        private String cmdline() {
            return "console=ttyS0 quiet relops.url=http://10.0.2.2:" + BARE_PORT + " relops.host=bare relops.token=bare"
                    + " relops.digest=" + digest + " relops.beat=600";
        }

        /** Boots {@code count} bare VMs at once; seconds until the last phoned home. */
        double boot(int count, boolean ipxe) throws Exception {
            phonedHome.clear();
            List<Process> machines = new ArrayList<>();
            List<Path> disks = new ArrayList<>();
            long start = System.nanoTime();
            try {
                for (int i = 1; i <= count; i++) {
                    String mac = String.format("52:54:00:ba:%02x:%02x", count, i);
                    Path disk = Files.createTempFile("relops-bare-disk-", ".img");
                    disks.add(disk);
                    try (var file = new java.io.RandomAccessFile(disk.toFile(), "rw")) {
                        file.setLength(64L << 20);
                    }
                    List<String> command = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg", "-cpu",
                            "max", "-m", "512", "-smp", "1", "-nodefaults", "-display", "none", "-no-reboot",
                            "-serial", "null", "-netdev", "user,id=n0,bootfile=http://10.0.2.2:" + BARE_PORT
                                    + "/bare.ipxe",
                            "-device", "virtio-net-pci,netdev=n0,mac=" + mac,
                            "-drive", "file=" + disk + ",format=raw,if=virtio"));
                    if (ipxe) {
                        command.addAll(List.of("-boot", "n"));
                    } else {
                        command.addAll(List.of("-kernel", artifacts.resolve("vmlinuz").toString(), "-initrd",
                                artifacts.resolve("initrd.img").toString(), "-append", cmdline()));
                    }
                    machines.add(new ProcessBuilder(command).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                }
                waitFor(() -> phonedHome.size() >= count, 300, "bare phone-home");
                long last = phonedHome.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                return (last - start) / 1e9;
            } finally {
                for (Process machine : machines) {
                    machine.destroyForcibly().waitFor();
                }
                for (Path disk : disks) {
                    Files.deleteIfExists(disk);
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.stop(0);
            try (var files = Files.list(artifacts)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(artifacts);
        }
    }
}
