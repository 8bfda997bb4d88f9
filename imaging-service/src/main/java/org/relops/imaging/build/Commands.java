package org.relops.imaging.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the few external programs a build needs, with a time limit, and says how they failed. */
final class Commands {

    private Commands() {
    }

    /** Runs a command in a directory; its output goes to a file there so a failure can quote it. */
    static void run(List<String> command, Path directory, Duration timeout) {
        Path output = directory.resolve(".command-output");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new BuildException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new BuildException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                        + tail(output));
            }
        } catch (IOException e) {
            throw new BuildException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException("interrupted while running " + command.get(0), e);
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                // only a leftover log line file
            }
        }
    }

    /** Runs {@code first | second} in a directory. */
    static void pipe(List<String> first, List<String> second, Path directory, Duration timeout) {
        try {
            List<Process> processes = ProcessBuilder.startPipeline(List.of(
                    new ProcessBuilder(first).directory(directory.toFile())
                            .redirectError(ProcessBuilder.Redirect.DISCARD),
                    new ProcessBuilder(second).directory(directory.toFile())
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)));
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Process process : processes) {
                long left = deadline - System.nanoTime();
                if (!process.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
                    processes.forEach(Process::destroyForcibly);
                    throw new BuildException(first.get(0) + " | " + second.get(0) + " did not finish within "
                            + timeout.toSeconds() + " s");
                }
            }
            for (int i = 0; i < processes.size(); i++) {
                if (processes.get(i).exitValue() != 0) {
                    List<String> failed = i == 0 ? first : second;
                    throw new BuildException(String.join(" ", failed) + " failed (exit "
                            + processes.get(i).exitValue() + ")");
                }
            }
        } catch (IOException e) {
            throw new BuildException("cannot run " + first.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException("interrupted while running " + first.get(0), e);
        }
    }

    private static String tail(Path output) throws IOException {
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size())).trim();
    }
}
