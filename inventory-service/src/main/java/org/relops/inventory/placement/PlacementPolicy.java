package org.relops.inventory.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.relops.model.value.PlacementConstraints;
import org.relops.model.value.Spread;

/**
 * Chooses free systems for a request, all or none. Pure: it sees only the candidates it is given
 * and touches nothing, so it is fast and can be tested and benchmarked alone.
 * <p>
 * Systems that fit the datacenter and hardware class are arranged in a tree datacenter, row, rack.
 * The machines are shared out level by level as evenly as the free systems allow (best-effort
 * spreading); a strict spread caps the chosen level at one machine per rack, row or datacenter,
 * and placement fails with the exact shortfall when the caps do not add up to the count.
 */
public final class PlacementPolicy {

    public Placement place(int count, PlacementConstraints constraints, List<Candidate> freeSystems) {
        PlacementConstraints asked = constraints == null ? PlacementConstraints.NONE : constraints;
        Node root = new Node("", 0);
        int fitting = 0;
        for (Candidate candidate : freeSystems) {
            if (fits(candidate, asked)) {
                root.add(candidate);
                fitting++;
            }
        }
        if (fitting < count) {
            return new Placement.Unplaceable(count + " requested, " + fitting + " free "
                    + plural(fitting, "system", "systems") + scope(asked));
        }
        int capacity = root.capacity(asked.spread());
        if (capacity < count) {
            return new Placement.Unplaceable(count + " requested, " + capacity + " " + domains(asked.spread(), capacity)
                    + " free" + scope(asked));
        }
        List<Candidate> chosen = new ArrayList<>(count);
        root.allocate(count, asked.spread(), chosen);
        return new Placement.Placed(chosen);
    }

    private static boolean fits(Candidate candidate, PlacementConstraints constraints) {
        return (constraints.datacenter() == null || constraints.datacenter().equals(candidate.datacenter()))
                && (constraints.hardwareClass() == null
                        || constraints.hardwareClass().equals(candidate.hardwareClass()));
    }

    private static String scope(PlacementConstraints constraints) {
        StringBuilder scope = new StringBuilder();
        if (constraints.hardwareClass() != null) {
            scope.append(" of hardware class '").append(constraints.hardwareClass()).append('\'');
        }
        if (constraints.datacenter() != null) {
            scope.append(" in ").append(constraints.datacenter());
        }
        return scope.toString();
    }

    private static String domains(Spread spread, int count) {
        return switch (spread) {
            case RACK -> plural(count, "rack", "racks");
            case ROW -> plural(count, "row", "rows");
            case DATACENTER -> plural(count, "datacenter", "datacenters");
            case NONE -> plural(count, "system", "systems");
        };
    }

    private static String plural(int count, String one, String many) {
        return count == 1 ? one : many;
    }

    /**
     * A datacenter (level 1), row (2) or rack (3) with its free systems below it; the root is level 0.
     * Children are kept sorted by name so that placement is deterministic.
     */
    private static final class Node {

        private static final int RACK_LEVEL = 3;

        private final String name;
        private final int level;
        private final Map<String, Node> children = new TreeMap<>();
        private final List<Candidate> systems = new ArrayList<>();
        private int capacity = -1;

        Node(String name, int level) {
            this.name = name;
            this.level = level;
        }

        void add(Candidate candidate) {
            if (level == RACK_LEVEL) {
                systems.add(candidate);
                return;
            }
            String key = switch (level) {
                case 0 -> candidate.datacenter();
                case 1 -> candidate.row();
                default -> candidate.rack();
            };
            children.computeIfAbsent(key, child -> new Node(child, level + 1)).add(candidate);
        }

        /** How many machines this node can take under the spread; a strictly spread level takes one. */
        int capacity(Spread spread) {
            if (capacity < 0) {
                int free = level == RACK_LEVEL ? systems.size()
                        : children.values().stream().mapToInt(child -> child.capacity(spread)).sum();
                capacity = level == strictLevel(spread) ? Math.min(free, 1) : free;
            }
            return capacity;
        }

        /** Takes {@code count} systems (at most its capacity), shared as evenly as possible over its children. */
        void allocate(int count, Spread spread, List<Candidate> chosen) {
            if (level == RACK_LEVEL) {
                systems.sort(Comparator.comparing(Candidate::name));
                chosen.addAll(systems.subList(0, count));
                return;
            }
            // Water-filling: the smallest children first, each given at most an even share of what is left.
            List<Node> bySize = new ArrayList<>(children.values());
            bySize.sort(Comparator.comparingInt((Node child) -> child.capacity(spread))
                    .thenComparing(child -> child.name));
            int remaining = count;
            for (int i = 0; i < bySize.size() && remaining > 0; i++) {
                Node child = bySize.get(i);
                int share = Math.min(child.capacity(spread), remaining / (bySize.size() - i));
                if (share > 0) {
                    child.allocate(share, spread, chosen);
                    remaining -= share;
                }
            }
        }

        private static int strictLevel(Spread spread) {
            return switch (spread) {
                case DATACENTER -> 1;
                case ROW -> 2;
                case RACK -> RACK_LEVEL;
                case NONE -> -1;
            };
        }
    }
}
