package org.relops.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An environment's network for tests, made by the project's own {@code scripts/network.sh}: a network
 * namespace with one bridge per segment, routed to this host by a veth. The same script the local stack
 * uses, so tests boot machines on the network the product runs on.
 */
public record LocalNetwork(String namespace, String uplink, List<Segment> segments) {

    /** One segment: its name (the bridge's alias), CIDR and gateway. */
    public record Segment(String name, String cidr, String gateway) {
    }

    /** The host's end of the uplink: where machines reach the services. */
    public String servicesAddress() {
        String base = uplink.substring(0, uplink.indexOf('/'));
        int last = Integer.parseInt(base.substring(base.lastIndexOf('.') + 1));
        return base.substring(0, base.lastIndexOf('.') + 1) + (last + 1);
    }

    /** Creates the namespace, bridges and routes (idempotent). */
    public LocalNetwork up() {
        List<String> command = new ArrayList<>(List.of("up", namespace, uplink));
        segments.forEach(segment -> command.add(segment.name() + "=" + segment.cidr() + "=" + segment.gateway()));
        run(command);
        return this;
    }

    /** The network of an inventory file's segments, read by the same script the local stack uses. */
    public static LocalNetwork ofInventory(String namespace, String uplink, Path inventory) {
        String lines = run(List.of("bash", "-c", "source \"$1\"; inventory_segments \"$2\"", "relops-network",
                script().toString(), inventory.toString()), false);
        List<Segment> segments = lines.lines().filter(line -> !line.isBlank()).map(line -> line.split("="))
                .map(parts -> new Segment(parts[0], parts[1], parts[2])).toList();
        if (segments.isEmpty()) {
            throw new IllegalStateException(inventory + " declares no segments");
        }
        return new LocalNetwork(namespace, uplink, segments);
    }

    /** Removes what {@link #up()} created, and whatever still runs in the namespace. */
    public void down() {
        run(List.of("down", namespace));
    }

    private static void run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("bash", script().toString()));
        command.addAll(arguments);
        run(command, true);
    }

    /** Runs a project script's command; its output unless quiet. Fails with the output when it fails. */
    static String run(List<String> command, boolean quiet) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
            return quiet ? "" : output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /** scripts/network.sh, found from the working directory (a module's or the project's root). */
    static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/network.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("scripts/network.sh not found above " + Path.of("").toAbsolutePath());
    }
}
