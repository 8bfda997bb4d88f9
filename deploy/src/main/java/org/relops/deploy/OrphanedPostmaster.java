package org.relops.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops a PostgreSQL server left running on our data directory by a local infrastructure that was
 * killed without its shutdown hook (kill -9, a crashed JVM): PostgreSQL runs as a child process and
 * outlives it, holding the port and the data directory. Only called while holding the
 * infrastructure's lock, so a server found there has no owner.
 */
final class OrphanedPostmaster {

    private static final long STOP_WAIT_SECONDS = 30;

    private OrphanedPostmaster() {
    }

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> postmaster = postmaster(dataDirectory.resolve("postmaster.pid"));
        if (postmaster.isEmpty()) {
            return;
        }
        long pid = postmaster.get().pid();
        System.err.println("stopping PostgreSQL (pid " + pid + ") left running on " + dataDirectory);
        // SIGINT is PostgreSQL's "fast" shutdown: it ends open sessions instead of waiting for them.
        signal("-INT", pid);
        try {
            postmaster.get().onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            postmaster.get().destroyForcibly();
            throw new IOException("PostgreSQL (pid " + pid + ") left running on " + dataDirectory
                    + " did not stop within " + STOP_WAIT_SECONDS + " s; killed it", e);
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres"))
                        .orElse(false));
    }

    private static void signal(String signal, long pid) throws IOException {
        try {
            new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL (pid " + pid + ")", e);
        }
    }
}
