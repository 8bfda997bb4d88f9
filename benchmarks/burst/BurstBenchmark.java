import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/**
 * Drives the burst benchmark against a running stack (benchmarks/burst/run.sh starts it): waits until the stack
 * is quiet, samples its idle footprint, then runs each burst (one request of MACHINES, then REQUESTS requests of
 * PER_REQUEST at once) from accepted to FULFILLED. A queue of its own bound to every event type on the events
 * exchange times each stage by the events' arrival; beside it, it samples the services' resident memory and CPU,
 * the depth of every service's event queue, and what the services' PostgreSQL backends are doing
 * (pg_stat_activity), and takes pg_stat_database's counters before and after. Appends its report to the file named
 * by {@code -Dout}. Secrets come from the environment: RELOPS_TOKEN (operator), PGPASSWORD, RELOPS_BUS_PASSWORD.
 */
public final class BurstBenchmark {

    private static final Pattern SUBJECT = Pattern.compile("\"subject\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern HOSTNAME = Pattern.compile("\"hostname\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    /** A state in a request's view: the API writes them lower case; read in any case all the same. */
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Za-z_]+)\"");
    private static final String[] SERVICES = {"request-service", "inventory-service", "imaging-service",
            "dns-service", "slavealloc-service"};
    /** The stages of one machine, in flow order: the event that shows each stage done. */
    private static final String[] STAGES = {"host.reserved", "machine.provisioning", "machine.booted",
            "dns.record.published", "machine.ready"};

    private final String requestUrl = System.getProperty("requestUrl");
    private final String token = System.getenv("RELOPS_TOKEN");
    private final String image = System.getProperty("image", "relops-bare");
    private final String hardwareClass = System.getProperty("hardwareClass", "simulated");
    private final String databasePrefix = System.getProperty("databasePrefix");
    private final String jdbcBase = System.getProperty("jdbcBase");
    private final Path out = Path.of(System.getProperty("out"));
    /** service name -> pids of its replicas. */
    private final Map<String, List<Long>> pids = parsePids(System.getProperty("pids"));
    private final long brokerPid = Long.parseLong(System.getProperty("brokerPid", "0"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final StringBuilder report = new StringBuilder();

    private com.rabbitmq.client.Connection bus;
    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    /** The time every burst is measured from (System.nanoTime of its first POST). */
    private volatile long origin;

    /** One event as the benchmark's queue received it. */
    private record Seen(long nanos, String type, String subject, String hostname) {
    }

    public static void main(String[] args) throws Exception {
        new BurstBenchmark().run();
    }

    private void run() throws Exception {
        connectBus();
        awaitQuiet(Duration.ofMinutes(10));
        idle(Duration.ofSeconds(Long.getLong("idleSeconds", 20)));
        tap();
        int machines = Integer.getInteger("machines", 1000);
        int requests = Integer.getInteger("requests", 100);
        int perRequest = Integer.getInteger("perRequest", 10);
        Duration timeout = Duration.ofSeconds(Long.getLong("timeoutSeconds", 900));
        burst("one request of " + machines + " machines", 1, machines, timeout);
        awaitQuiet(Duration.ofMinutes(10));
        burst(requests + " requests of " + perRequest + " machines at once", requests, perRequest, timeout);
        bus.close();
        Files.writeString(out, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    // ---------------------------------------------------------------- the bursts

    private void burst(String title, int requests, int count, Duration timeout) throws Exception {
        line("");
        line("### " + title + " (" + requests * count + " machines)");
        line("load average before: " + loadAverage());
        Sampler sampler = new Sampler();
        Map<String, long[]> databaseBefore = databaseCounters();
        Map<String, Long> cpuBefore = cpuTicks();
        long machineBusyBefore = machineBusyTicks()[0];
        long machineTotalBefore = machineBusyTicks()[1];
        seen.clear();
        origin = System.nanoTime();
        sampler.start();
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        String body = "{\"image\":\"" + image + "\",\"count\":" + count + ",\"appEnvironment\":\"production\","
                + "\"constraints\":{\"hardwareClass\":\"" + hardwareClass + "\"}}";
        for (int i = 0; i < requests; i++) {
            posts.add(http.sendAsync(HttpRequest.newBuilder(URI.create(requestUrl + "/v1/requests"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> ids = new HashSet<>();
        long acceptedNanos = 0;
        for (CompletableFuture<HttpResponse<String>> post : posts) {
            HttpResponse<String> response = post.get();
            if (response.statusCode() != 202) {
                throw new IllegalStateException("POST /v1/requests answered " + response.statusCode() + ": "
                        + response.body());
            }
            Matcher id = ID.matcher(response.body());
            if (!id.find()) {
                throw new IllegalStateException("no id in " + response.body());
            }
            ids.add(id.group(1));
            acceptedNanos = Math.max(acceptedNanos, System.nanoTime());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (fulfilled(ids) < ids.size()) {
            if (System.nanoTime() > deadline) {
                sampler.stop();
                line("NOT FULFILLED within " + timeout.toSeconds() + " s: " + fulfilled(ids) + " of " + ids.size()
                        + " requests; events so far:");
                stageReport(ids, acceptedNanos);
                return;
            }
            if (seen.stream().anyMatch(event -> event.type().equals("request.failed") && ids.contains(event.subject()))) {
                sampler.stop();
                line("A REQUEST FAILED: " + failedReasons(ids));
                return;
            }
            Thread.sleep(20);
        }
        long doneNanos = seen.stream().filter(event -> event.type().equals("request.fulfilled")
                && ids.contains(event.subject())).mapToLong(Seen::nanos).max().orElseThrow();
        // The tail (the services' last commits, the relays' last batches) lands before the counters are read.
        awaitQuiet(Duration.ofMinutes(2));
        sampler.stop();
        double wall = seconds(doneNanos - origin);
        line(String.format(Locale.ROOT, "FULFILLED: %d request(s), %d machines, %.2f s from the first POST to the last"
                + " request.fulfilled (all POSTs answered 202 after %.2f s)", ids.size(), requests * count, wall,
                seconds(acceptedNanos - origin)));
        line("load average after: " + loadAverage());
        stageReport(ids, acceptedNanos);
        if (requests > 1) {
            perRequestReport(ids);
        }
        checkRequests(ids, count);
        line("");
        line(String.format(Locale.ROOT, "events on the bus (the benchmark's queue bound to '#'), first POST to last"
                + " request.fulfilled: %d, %.0f events/s", eventsUntil(doneNanos), eventsUntil(doneNanos) / wall));
        Map<String, Integer> byType = new TreeMap<>();
        seen.stream().filter(event -> event.nanos() <= doneNanos).forEach(event -> byType.merge(event.type(), 1,
                Integer::sum));
        line("  by type: " + byType);
        double window = seconds(sampler.stoppedAt - origin);
        line("");
        line(String.format(Locale.ROOT, "CPU seconds over the %.1f s window (2 cores = %.1f CPU-s available):",
                window, 2 * window));
        Map<String, Long> cpuAfter = cpuTicks();
        double servicesCpu = 0;
        for (String service : SERVICES) {
            double cpu = 0;
            for (long pid : pids.getOrDefault(service, List.of())) {
                cpu += (cpuAfter.getOrDefault("pid:" + pid, 0L) - cpuBefore.getOrDefault("pid:" + pid, 0L)) / 100.0;
            }
            servicesCpu += cpu;
            line(String.format(Locale.ROOT, "  %-22s %6.1f", service, cpu));
        }
        line(String.format(Locale.ROOT, "  %-22s %6.1f", "the five services", servicesCpu));
        double postgresCpu = postgresCpu(cpuBefore, cpuAfter);
        line(String.format(Locale.ROOT, "  %-22s %6.1f  (the backends serving the bench databases)", "PostgreSQL",
                postgresCpu));
        if (brokerPid > 0) {
            line(String.format(Locale.ROOT, "  %-22s %6.1f  (the whole broker: other users of it count too)",
                    "RabbitMQ", (cpuAfter.getOrDefault("pid:" + brokerPid, 0L)
                            - cpuBefore.getOrDefault("pid:" + brokerPid, 0L)) / 100.0));
        }
        long[] machineAfter = machineBusyTicks();
        line(String.format(Locale.ROOT, "  %-22s %6.1f  (every process on the machine: %.0f %% of both cores)",
                "machine busy", (machineAfter[0] - machineBusyBefore) / 100.0,
                100.0 * (machineAfter[0] - machineBusyBefore) / Math.max(1, machineAfter[1] - machineTotalBefore)));
        line("");
        sampler.report(window);
        line("");
        databaseReport(databaseBefore, databaseCounters());
    }

    private long fulfilled(Set<String> ids) {
        return seen.stream().filter(event -> event.type().equals("request.fulfilled") && ids.contains(event.subject()))
                .map(Seen::subject).distinct().count();
    }

    private long eventsUntil(long nanos) {
        return seen.stream().filter(event -> event.nanos() <= nanos).count();
    }

    /** When each stage was first and last reached by a machine of the bursts' requests, from the first POST. */
    private void stageReport(Set<String> ids, long acceptedNanos) {
        line("stage times from the first POST (events as the benchmark's queue received them):");
        line(String.format(Locale.ROOT, "  %-24s %7s %9s %9s %12s", "event", "count", "first s", "last s",
                "last - prev"));
        line(String.format(Locale.ROOT, "  %-24s %7d %9s %9.2f", "POST answered 202", ids.size(), "",
                seconds(acceptedNanos - origin)));
        String[] types = new String[STAGES.length + 2];
        types[0] = "request.submitted";
        System.arraycopy(STAGES, 0, types, 1, STAGES.length);
        types[types.length - 1] = "request.fulfilled";
        double previous = seconds(acceptedNanos - origin);
        for (String type : types) {
            long[] times = seen.stream().filter(event -> event.type().equals(type) && ids.contains(event.subject()))
                    .mapToLong(Seen::nanos).sorted().toArray();
            if (times.length == 0) {
                line(String.format(Locale.ROOT, "  %-24s %7d", type, 0));
                continue;
            }
            double last = seconds(times[times.length - 1] - origin);
            line(String.format(Locale.ROOT, "  %-24s %7d %9.2f %9.2f %12.2f", type, times.length,
                    seconds(times[0] - origin), last, last - previous));
            previous = last;
        }
        line("per machine, the median time between its stages (each machine's own events; pipelined across machines):");
        Map<String, Long> submitted = new HashMap<>();
        Map<String, Map<String, Long>> perMachine = new HashMap<>();
        for (Seen event : seen) {
            if (!ids.contains(event.subject())) {
                continue;
            }
            if (event.type().equals("request.submitted")) {
                submitted.merge(event.subject(), event.nanos(), Math::min);
            } else if (event.hostname() != null) {
                perMachine.computeIfAbsent(event.hostname(), host -> new HashMap<>()).merge(event.type(),
                        event.nanos(), Math::min);
                // each machine's own request: where its first stage starts from
                perMachine.get(event.hostname()).put("request:" + event.subject(), 0L);
            }
        }
        for (Map<String, Long> machine : perMachine.values()) {
            machine.keySet().stream().filter(key -> key.startsWith("request:")).findFirst().map(key -> key.substring(8))
                    .map(submitted::get).ifPresent(at -> machine.put("request.submitted", at));
        }
        String from = "request.submitted";
        for (String stage : STAGES) {
            List<Double> gaps = new ArrayList<>();
            for (Map.Entry<String, Map<String, Long>> machine : perMachine.entrySet()) {
                Long start = machine.getValue().get(from);
                Long end = machine.getValue().get(stage);
                if (start != null && end != null) {
                    gaps.add(seconds(end - start));
                }
            }
            gaps.sort(null);
            if (!gaps.isEmpty()) {
                line(String.format(Locale.ROOT, "  %-22s -> %-22s median %6.2f s, p90 %6.2f s, max %6.2f s", from, stage,
                        gaps.get(gaps.size() / 2), gaps.get(gaps.size() * 9 / 10), gaps.get(gaps.size() - 1)));
            }
            from = stage;
        }
    }

    private void perRequestReport(Set<String> ids) {
        Map<String, Long> fulfilledAt = new HashMap<>();
        for (Seen event : seen) {
            if (event.type().equals("request.fulfilled") && ids.contains(event.subject())) {
                fulfilledAt.merge(event.subject(), event.nanos(), Math::min);
            }
        }
        double[] times = fulfilledAt.values().stream().mapToDouble(nanos -> seconds(nanos - origin)).sorted().toArray();
        line(String.format(Locale.ROOT, "each request's FULFILLED from the first POST: first %.2f s, median %.2f s,"
                + " p90 %.2f s, last %.2f s", times[0], times[times.length / 2], times[times.length * 9 / 10],
                times[times.length - 1]));
    }

    /** Asks request-service for every request: FULFILLED with all its machines READY, each machine once. */
    private void checkRequests(Set<String> ids, int count) throws Exception {
        int good = 0;
        for (String id : ids) {
            String view = get(requestUrl + "/v1/requests/" + id);
            Matcher states = STATE.matcher(view);
            Map<String, Integer> counts = new TreeMap<>();
            while (states.find()) {
                counts.merge(states.group(1).toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
            // the request's own state is fulfilled; each machine's ready
            if (counts.getOrDefault("fulfilled", 0) == 1 && counts.getOrDefault("ready", 0) == count) {
                good++;
            } else {
                line("request " + id + " is not as expected: states " + counts);
            }
        }
        long readyEvents = seen.stream().filter(event -> event.type().equals("machine.ready")
                && ids.contains(event.subject())).count();
        long readyHosts = seen.stream().filter(event -> event.type().equals("machine.ready")
                && ids.contains(event.subject())).map(Seen::hostname).distinct().count();
        line(String.format(Locale.ROOT, "check: %d of %d requests FULFILLED with all %d machines READY in"
                + " request-service's view; machine.ready events %d for %d distinct hostnames", good, ids.size(), count,
                readyEvents, readyHosts));
    }

    private String failedReasons(Set<String> ids) throws Exception {
        StringBuilder reasons = new StringBuilder();
        for (String id : ids) {
            String view = get(requestUrl + "/v1/requests/" + id);
            if (STATE.matcher(view).results().anyMatch(state -> state.group(1).equalsIgnoreCase("failed"))) {
                reasons.append(view, 0, Math.min(600, view.length())).append('\n');
            }
        }
        return reasons.toString();
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    // ---------------------------------------------------------------- idle, quiet

    /** Waits until no outbox holds an unpublished event and every service's event queue is empty. */
    private void awaitQuiet(Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        int quietInARow = 0;
        while (quietInARow < 3) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stack did not become quiet within " + atMost.toSeconds() + " s");
            }
            long pending = 0;
            for (String service : SERVICES) {
                pending += queryLong(database(service), "select count(*) from outbox_event where published_at is null");
            }
            long queued = queueDepths().values().stream().mapToLong(Long::longValue).sum();
            quietInARow = pending == 0 && queued == 0 ? quietInARow + 1 : 0;
            Thread.sleep(500);
        }
    }

    private void idle(Duration length) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        long peak = 0;
        long last = 0;
        while (System.nanoTime() < end) {
            last = rssKib().values().stream().mapToLong(Long::longValue).sum();
            peak = Math.max(peak, last);
            Thread.sleep(500);
        }
        Map<String, Long> rss = rssKib();
        line("");
        line("### idle, before the bursts (inventory loaded, outboxes drained, " + length.toSeconds() + " s sampled)");
        line("load average: " + loadAverage());
        StringBuilder each = new StringBuilder();
        for (String service : SERVICES) {
            long kib = 0;
            for (long pid : pids.getOrDefault(service, List.of())) {
                kib += rss.getOrDefault("pid:" + pid, 0L);
            }
            each.append(String.format(Locale.ROOT, "%s %d MB, ", service.replace("-service", ""), kib / 1024));
        }
        line(String.format(Locale.ROOT, "resident memory of the %d service processes: %d MB at the end (peak %d MB);"
                + " %s", pids.values().stream().mapToInt(List::size).sum(), last / 1024, peak / 1024,
                each.substring(0, each.length() - 2)));
    }

    // ---------------------------------------------------------------- sampling

    /** Samples RSS (every 200 ms), queue depths (every 200 ms) and pg_stat_activity (every 50 ms) during a burst. */
    private final class Sampler {
        private final AtomicBoolean running = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();
        private volatile long stoppedAt;
        private long peakRss;
        private final Map<String, Long> peakRssByService = new ConcurrentHashMap<>();
        private final Map<String, Long> peakQueue = new ConcurrentHashMap<>();
        private final Map<String, Double> peakQueueAt = new ConcurrentHashMap<>();
        private final Map<String, Double> queueDrainedAt = new ConcurrentHashMap<>();
        /** datname -> wait class -> samples of a backend in that state. */
        private final Map<String, Map<String, Long>> activity = new ConcurrentHashMap<>();
        private long activitySamples;
        private long activityNanos;

        void start() {
            running.set(true);
            for (Runnable sampling : List.<Runnable>of(this::sampleProcessesAndQueues, this::sampleActivity)) {
                Thread thread = new Thread(sampling, "sampler");
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            stoppedAt = System.nanoTime();
            for (Thread thread : threads) {
                thread.join();
            }
        }

        private void sampleProcessesAndQueues() {
            try {
                while (running.get()) {
                    Map<String, Long> rss = rssKib();
                    long total = 0;
                    for (String service : SERVICES) {
                        long kib = 0;
                        for (long pid : pids.getOrDefault(service, List.of())) {
                            kib += rss.getOrDefault("pid:" + pid, 0L);
                        }
                        total += kib;
                        peakRssByService.merge(service, kib, Math::max);
                    }
                    peakRss = Math.max(peakRss, total);
                    double now = seconds(System.nanoTime() - origin);
                    for (Map.Entry<String, Long> queue : queueDepths().entrySet()) {
                        if (queue.getValue() > peakQueue.getOrDefault(queue.getKey(), -1L)) {
                            peakQueue.put(queue.getKey(), queue.getValue());
                            peakQueueAt.put(queue.getKey(), now);
                        }
                        if (queue.getValue() > 0) {
                            queueDrainedAt.remove(queue.getKey());
                        } else {
                            queueDrainedAt.putIfAbsent(queue.getKey(), now);
                        }
                    }
                    Thread.sleep(200);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private void sampleActivity() {
            try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
                long started = System.nanoTime();
                while (running.get()) {
                    try (ResultSet rows = statement.executeQuery("""
                            select datname, state, coalesce(wait_event_type, 'CPU') || coalesce(':' || wait_event, '')
                            from pg_stat_activity
                            where datname like '%s%%' and pid <> pg_backend_pid()
                              and state in ('active', 'idle in transaction')""".formatted(databasePrefix))) {
                        while (rows.next()) {
                            String state = rows.getString(2).equals("active") ? rows.getString(3) : "idle in transaction";
                            activity.computeIfAbsent(rows.getString(1), name -> new ConcurrentHashMap<>())
                                    .merge(state, 1L, Long::sum);
                        }
                    }
                    activitySamples++;
                    Thread.sleep(50);
                }
                activityNanos = System.nanoTime() - started;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        void report(double window) {
            StringBuilder each = new StringBuilder();
            for (String service : SERVICES) {
                each.append(String.format(Locale.ROOT, "%s %d MB, ", service.replace("-service", ""),
                        peakRssByService.getOrDefault(service, 0L) / 1024));
            }
            line(String.format(Locale.ROOT, "resident memory of the service processes during the burst: peak %d MB"
                    + " (each service's peak: %s)", peakRss / 1024, each.substring(0, each.length() - 2)));
            line("event queues (ready messages, sampled every 200 ms): peak depth, when, when it was last empty again:");
            for (String queue : new TreeMap<>(peakQueue).keySet()) {
                if (peakQueue.get(queue) == 0) {
                    line(String.format(Locale.ROOT, "  %-28s never held a message at a sample", queue));
                    continue;
                }
                line(String.format(Locale.ROOT, "  %-28s peak %6d at %6.2f s, drained at %s", queue,
                        peakQueue.get(queue), peakQueueAt.get(queue), queueDrainedAt.containsKey(queue)
                                ? String.format(Locale.ROOT, "%.2f s", queueDrainedAt.get(queue)) : "(not drained)"));
            }
            double interval = seconds(activityNanos) / Math.max(1, activitySamples);
            line(String.format(Locale.ROOT, "PostgreSQL backends of each database, sampled from pg_stat_activity every"
                    + " %.0f ms (%d samples): backend-seconds active (running a statement, by what it waited on;"
                    + " CPU = no wait) and idle in a transaction (the service holding a transaction open between"
                    + " statements):", interval * 1000, activitySamples));
            for (String database : new TreeMap<>(activity).keySet()) {
                Map<String, Long> states = activity.get(database);
                double active = states.entrySet().stream().filter(entry -> !entry.getKey().equals("idle in transaction"))
                        .mapToLong(Map.Entry::getValue).sum() * interval;
                double idleInTransaction = states.getOrDefault("idle in transaction", 0L) * interval;
                StringBuilder top = new StringBuilder();
                states.entrySet().stream().filter(entry -> !entry.getKey().equals("idle in transaction"))
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                        .forEach(entry -> top.append(String.format(Locale.ROOT, "%s %.1f, ", entry.getKey(),
                                entry.getValue() * interval)));
                line(String.format(Locale.ROOT, "  %-32s active %6.1f s (%s) idle in transaction %6.1f s", database,
                        active, top.length() > 0 ? top.substring(0, top.length() - 2) : "-", idleInTransaction));
            }
        }
    }

    private Map<String, Long> rssKib() {
        Map<String, Long> rss = new HashMap<>();
        for (List<Long> replicas : pids.values()) {
            for (long pid : replicas) {
                try {
                    for (String status : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                        if (status.startsWith("VmRSS:")) {
                            rss.put("pid:" + pid, Long.parseLong(status.replaceAll("[^0-9]", "")));
                        }
                    }
                } catch (IOException e) {
                    rss.put("pid:" + pid, 0L);
                }
            }
        }
        return rss;
    }

    /** utime + stime in clock ticks (1/100 s) of every service process, the broker and the bench databases' backends. */
    private Map<String, Long> cpuTicks() throws SQLException {
        Map<String, Long> ticks = new HashMap<>();
        List<Long> all = new ArrayList<>();
        pids.values().forEach(all::addAll);
        if (brokerPid > 0) {
            all.add(brokerPid);
        }
        all.addAll(backendPids());
        for (long pid : all) {
            ticks.put("pid:" + pid, processTicks(pid));
        }
        return ticks;
    }

    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private final Set<Long> backendsSeen = ConcurrentHashMap.newKeySet();

    private List<Long> backendPids() throws SQLException {
        List<Long> backends = new ArrayList<>();
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select pid from pg_stat_activity where datname like '"
                     + databasePrefix + "%' and pid <> pg_backend_pid()")) {
            while (rows.next()) {
                backends.add(rows.getLong(1));
            }
        }
        backendsSeen.addAll(backends);
        return backends;
    }

    /** CPU of the backends serving the bench databases: the connection pools' (long-lived) backends. */
    private double postgresCpu(Map<String, Long> before, Map<String, Long> after) throws SQLException {
        long ticks = 0;
        for (long pid : backendPids()) {
            ticks += after.getOrDefault("pid:" + pid, processTicks(pid)) - before.getOrDefault("pid:" + pid, 0L);
        }
        return ticks / 100.0;
    }

    /** Busy and total clock ticks of the whole machine (/proc/stat). */
    private static long[] machineBusyTicks() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < cpu.length; i++) {
            total += Long.parseLong(cpu[i]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        return new long[] {total - idle, total};
    }

    // ---------------------------------------------------------------- the database

    private static final String[] COUNTERS = {"xact_commit", "xact_rollback", "tup_returned", "tup_fetched",
            "tup_inserted", "tup_updated", "tup_deleted"};

    private Map<String, long[]> databaseCounters() throws SQLException {
        Map<String, long[]> counters = new TreeMap<>();
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            // the statistics of this transaction would otherwise be a snapshot taken at its first read
            statement.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rows = statement.executeQuery("select datname, " + String.join(", ", COUNTERS)
                    + " from pg_stat_database where datname like '" + databasePrefix + "%'")) {
                while (rows.next()) {
                    long[] values = new long[COUNTERS.length];
                    for (int i = 0; i < COUNTERS.length; i++) {
                        values[i] = rows.getLong(i + 2);
                    }
                    counters.put(rows.getString(1), values);
                }
            }
        }
        return counters;
    }

    private void databaseReport(Map<String, long[]> before, Map<String, long[]> after) {
        line("pg_stat_database, the burst's difference (counters are flushed by the backends at most every second"
                + " and read 2 s after the last request.fulfilled):");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-32s", "database"));
        for (String counter : COUNTERS) {
            header.append(String.format(Locale.ROOT, " %13s", counter));
        }
        line(header.toString());
        for (String database : after.keySet()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-32s", database));
            for (int i = 0; i < COUNTERS.length; i++) {
                row.append(String.format(Locale.ROOT, " %13d", after.get(database)[i]
                        - before.getOrDefault(database, new long[COUNTERS.length])[i]));
            }
            line(row.toString());
        }
    }

    private String database(String service) {
        return databasePrefix + service.substring(0, service.indexOf('-'));
    }

    private Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", System.getProperty("dbUser", "relops"));
        properties.setProperty("password", System.getenv().getOrDefault("PGPASSWORD", ""));
        return DriverManager.getConnection(jdbcBase + database, properties);
    }

    private long queryLong(String database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    // ---------------------------------------------------------------- the bus

    private void connectBus() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(System.getProperty("busHost", "127.0.0.1"));
        factory.setPort(Integer.getInteger("busPort", 5672));
        factory.setVirtualHost(System.getProperty("busVhost"));
        factory.setUsername(System.getProperty("busUser", "guest"));
        factory.setPassword(System.getenv().getOrDefault("RELOPS_BUS_PASSWORD", "guest"));
        bus = factory.newConnection("burst-benchmark");
    }

    /** A queue of the benchmark's own bound to every event type: it sees every event as a consumer would. */
    private void tap() throws IOException {
        Channel channel = bus.createChannel();
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, "relops.events", "#");
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                long now = System.nanoTime();
                String text = new String(body, StandardCharsets.UTF_8);
                Matcher subject = SUBJECT.matcher(text);
                Matcher hostname = HOSTNAME.matcher(text);
                seen.add(new Seen(now, envelope.getRoutingKey(), subject.find() ? subject.group(1) : null,
                        hostname.find() ? hostname.group(1) : null));
            }
        });
    }

    private Channel depthChannel;

    /** Ready messages in every service's event queue (passive declare: it changes nothing). */
    private synchronized Map<String, Long> queueDepths() throws IOException {
        if (depthChannel == null || !depthChannel.isOpen()) {
            depthChannel = bus.createChannel();
        }
        Map<String, Long> depths = new LinkedHashMap<>();
        for (String service : SERVICES) {
            String queue = service + ".events";
            try {
                depths.put(queue, (long) depthChannel.queueDeclarePassive(queue).getMessageCount());
            } catch (IOException e) {
                depthChannel = bus.createChannel();
            }
        }
        return depths;
    }

    // ---------------------------------------------------------------- small things

    private static Map<String, List<Long>> parsePids(String spec) {
        Map<String, List<Long>> pids = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.split("=");
            pids.computeIfAbsent(parts[0], service -> new ArrayList<>()).add(Long.parseLong(parts[1]));
        }
        return pids;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return String.join(" ", Arrays.copyOf(fields, 3));
        } catch (IOException e) {
            return "?";
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }
}
