import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's herd: every slave bench-s1..bench-sN fetches its tac once, PARALLEL at a time, odd ones from
 * the first replica, even ones from the second, over kept-alive connections, so that the client's own cost is
 * not what is measured (a curl process per request costs a few milliseconds each). Prints the seconds the
 * fetches took and how many answered 200.
 * Run: java Herd.java SLAVES PARALLEL PORT1 PORT2
 */
public final class Herd {

    public static void main(String[] args) throws Exception {
        int slaves = Integer.parseInt(args[0]);
        int parallel = Integer.parseInt(args[1]);
        String[] ports = {args[2], args[3]};
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService clients = Executors.newFixedThreadPool(parallel);
        // one request first, so that connection set-up and class loading are not timed
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[0] + "/q/health/live")).build(),
                HttpResponse.BodyHandlers.discarding());
        AtomicInteger ok = new AtomicInteger();
        long started = System.nanoTime();
        List<Future<?>> fetches = new ArrayList<>();
        for (int slave = 1; slave <= slaves; slave++) {
            URI uri = URI.create("http://127.0.0.1:" + ports[slave % 2 == 1 ? 0 : 1] + "/gettac/bench-s" + slave);
            fetches.add(clients.submit(() -> {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    ok.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> fetch : fetches) {
            try {
                fetch.get();
            } catch (Exception e) {
                // counted as not 200
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        clients.shutdownNow();
        System.out.printf("%.3f %d%n", seconds, ok.get());
    }
}
