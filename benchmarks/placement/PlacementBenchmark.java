import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.relops.inventory.placement.Candidate;
import org.relops.inventory.placement.Placement;
import org.relops.inventory.placement.PlacementPolicy;
import org.relops.model.value.PlacementConstraints;
import org.relops.model.value.Spread;

/**
 * Times PlacementPolicy placing 1,000 machines from a 10,000-system inventory (4 datacenters,
 * 10 rows each, 25 racks per row, 10 systems per rack), for each kind of spread, and writes the
 * results to the file named by its first argument.
 */
public final class PlacementBenchmark {

    private static final int SYSTEMS = 10_000;
    private static final int MACHINES = 1_000;
    private static final int WARM_UP = 50;
    private static final int RUNS = 200;

    public static void main(String[] args) throws IOException {
        List<Candidate> inventory = inventory();
        PlacementPolicy policy = new PlacementPolicy();
        StringBuilder report = new StringBuilder();
        report.append("# PlacementPolicy: ").append(MACHINES).append(" machines from ").append(SYSTEMS)
                .append(" free systems (4 datacenters x 10 rows x 25 racks x 10 systems)\n")
                .append("# ").append(OffsetDateTime.now()).append(", Java ").append(System.getProperty("java.version"))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores; ")
                .append(RUNS).append(" runs after ").append(WARM_UP).append(" warm-up runs\n")
                .append(String.format(Locale.ROOT, "%-32s %10s %10s %10s %10s%n", "case", "median ms", "p99 ms",
                        "max ms", "first ms"));
        run(report, "spread NONE (best effort)", policy, inventory, MACHINES, PlacementConstraints.NONE);
        run(report, "spread RACK (strict)", policy, inventory, MACHINES,
                new PlacementConstraints(null, Spread.RACK, null));
        run(report, "spread ROW, 40 machines", policy, inventory, 40,
                new PlacementConstraints(null, Spread.ROW, null));
        run(report, "datacenter dc1, 1000 machines", policy, inventory, MACHINES,
                new PlacementConstraints("dc1", Spread.NONE, null));
        run(report, "spread RACK, 1001 (unplaceable)", policy, inventory, MACHINES + 1,
                new PlacementConstraints(null, Spread.RACK, null));
        System.out.print(report);
        Path out = Path.of(args.length > 0 ? args[0] : "results.txt");
        Files.writeString(out, report);
        System.out.println("written to " + out.toAbsolutePath());
    }

    private static void run(StringBuilder report, String name, PlacementPolicy policy, List<Candidate> inventory,
            int count, PlacementConstraints constraints) {
        long first = time(policy, inventory, count, constraints);
        for (int i = 0; i < WARM_UP; i++) {
            time(policy, inventory, count, constraints);
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            nanos[i] = time(policy, inventory, count, constraints);
        }
        Arrays.sort(nanos);
        report.append(String.format(Locale.ROOT, "%-32s %10.2f %10.2f %10.2f %10.2f%n", name, ms(nanos[RUNS / 2]),
                ms(nanos[RUNS * 99 / 100]), ms(nanos[RUNS - 1]), ms(first)));
    }

    private static long time(PlacementPolicy policy, List<Candidate> inventory, int count,
            PlacementConstraints constraints) {
        long start = System.nanoTime();
        Placement placement = policy.place(count, constraints, inventory);
        long elapsed = System.nanoTime() - start;
        boolean expectPlaced = count <= MACHINES;
        if (expectPlaced != placement instanceof Placement.Placed) {
            throw new IllegalStateException("unexpected placement: " + placement);
        }
        return elapsed;
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static List<Candidate> inventory() {
        List<Candidate> systems = new ArrayList<>(SYSTEMS);
        long id = 0;
        for (int dc = 1; dc <= 4; dc++) {
            for (int row = 1; row <= 10; row++) {
                for (int rack = 1; rack <= 25; rack++) {
                    for (int slot = 1; slot <= 10; slot++) {
                        id++;
                        systems.add(new Candidate(id, String.format("sys-%05d", id), "dc" + dc, "r" + row,
                                "k" + rack, "vm"));
                    }
                }
            }
        }
        return systems;
    }
}
