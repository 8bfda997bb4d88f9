package org.relops.imaging.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.imaging.config.ImagingConfig;
import org.relops.imaging.provider.ProviderException;

/**
 * The environment's segments as this host has them: one Linux bridge per segment (found by its interface
 * alias, the segment's name), in the environment's network namespace when there is one. Runs commands
 * there, and attaches machines' tap devices to their segment's bridge.
 */
@ApplicationScoped
public class EnvironmentNetwork {

    private static final Pattern BRIDGE_WITH_ALIAS = Pattern.compile("^\\d+: ([^:@]+)[:@].*\\\\\\s+alias (\\S+)\\s*$");
    private static final long COMMAND_TIMEOUT_SECONDS = 15;

    @Inject
    ImagingConfig config;

    private final Map<String, String> bridges = new ConcurrentHashMap<>();

    /** A command line that runs in the environment's namespace. */
    public List<String> inNamespace(List<String> command) {
        List<String> full = new ArrayList<>();
        config.network().namespace().filter(ns -> !ns.isBlank())
                .ifPresent(ns -> full.addAll(List.of("ip", "netns", "exec", ns)));
        full.addAll(command);
        return full;
    }

    /** The bridge of a segment; fails with what to do when the environment's network lacks it. */
    public String bridgeOf(String segment) {
        String known = bridges.get(segment);
        if (known != null) {
            return known;
        }
        String listing = run(List.of("ip", "-o", "link", "show", "type", "bridge"));
        for (String line : listing.split("\n")) {
            Matcher matcher = BRIDGE_WITH_ALIAS.matcher(line);
            if (matcher.matches() && matcher.group(2).equals(segment)) {
                bridges.put(segment, matcher.group(1));
                return matcher.group(1);
            }
        }
        throw new ProviderException("segment " + segment + " has no bridge " + where()
                + ": create the environment's network first (./relops up, or scripts/network.sh up)");
    }

    /**
     * A machine's tap device name: a provider's two-letter prefix and a hash of the hostname, at most 15
     * characters (the kernel's limit), the same for a hostname across restarts.
     */
    public static String tapName(String providerPrefix, String hostname) {
        return providerPrefix + org.relops.imaging.build.Sha256.of(hostname).substring(0, 12);
    }

    /** Creates a tap device on a segment's bridge (idempotent). */
    public void attachTap(String tap, String segment) {
        attachTap(tap, segment, Optional.empty());
    }

    /** Creates a tap device on a segment's bridge that the given user's processes may open (idempotent). */
    public void attachTap(String tap, String segment, Optional<String> owner) {
        String bridge = bridgeOf(segment);
        if (!exists(tap)) {
            List<String> add = new ArrayList<>(List.of("ip", "tuntap", "add", "dev", tap, "mode", "tap"));
            owner.filter(user -> !user.isBlank()).ifPresent(user -> add.addAll(List.of("user", user)));
            run(add);
        }
        run(List.of("ip", "link", "set", tap, "master", bridge, "up"));
    }

    /** Removes a tap device; an absent one is fine. */
    public void deleteTap(String tap) {
        if (exists(tap)) {
            run(List.of("ip", "link", "del", tap));
        }
    }

    private boolean exists(String device) {
        try {
            run(List.of("ip", "link", "show", device));
            return true;
        } catch (ProviderException e) {
            return false;
        }
    }

    /** Runs a short command in the namespace; its output, or a ProviderException saying what failed. */
    public String run(List<String> command) {
        List<String> full = inNamespace(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ProviderException(String.join(" ", full) + " did not finish within "
                        + COMMAND_TIMEOUT_SECONDS + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new ProviderException(String.join(" ", full) + " failed (exit " + process.exitValue() + "): "
                        + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new ProviderException("cannot run " + String.join(" ", full) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted running " + String.join(" ", full), e);
        }
    }

    private String where() {
        Optional<String> namespace = config.network().namespace().filter(ns -> !ns.isBlank());
        return namespace.map(ns -> "in network namespace " + ns).orElse("on this host");
    }
}
