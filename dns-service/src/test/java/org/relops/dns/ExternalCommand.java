package org.relops.dns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real tools the tests use (dig, nsupdate, named-checkzone, ...) and captures what they print. */
public final class ExternalCommand {

    private ExternalCommand() {
    }

    /** What a finished command printed and how it exited. */
    public record Result(int exitCode, String out, String err) {

        public String all() {
            return out + err;
        }
    }

    public static Result run(Duration timeout, String... command) {
        return runWithInput(timeout, null, command);
    }

    /** Runs a command with {@code input} on its standard input; fails the test if it does not finish in time. */
    public static Result runWithInput(Duration timeout, String input, String... command) {
        requireTool(command[0]);
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<String> out = read(process.getInputStream());
            CompletableFuture<String> err = read(process.getErrorStream());
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command[0], e);
        }
    }

    /** Fails with what to do when a tool the test needs is not installed. */
    public static void requireTool(String tool) {
        if (tool.contains("/")) {
            return;
        }
        List<String> path = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        path.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin"));
        if (path.stream().noneMatch(dir -> Files.isExecutable(Path.of(dir, tool)))) {
            throw new AssertionError(tool + " is not installed; run scripts/packages-dns.sh (as root) first");
        }
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
