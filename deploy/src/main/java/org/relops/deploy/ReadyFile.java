package org.relops.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file a shell script waits for: it appears, complete, once both servers accept connections,
 * and is removed on shutdown. Its lines are shell assignments, so {@code . infra.ready} reads it.
 */
final class ReadyFile {

    private final Path path;

    ReadyFile(Path path) {
        this.path = path;
    }

    void write(LocalInfrastructureConfig config, long pid) throws IOException {
        String content = """
                RELOPS_EMBEDDED_PID=%d
                RELOPS_EMBEDDED_PG_PORT=%d
                RELOPS_EMBEDDED_BUS_PORT=%d
                RELOPS_BUS_VHOST=%s
                """.formatted(pid, config.postgresPort(), config.amqpPort(), String.join(",", config.virtualHosts()));
        Path partial = path.resolveSibling(path.getFileName() + ".partial");
        Files.writeString(partial, content);
        // A waiting script never sees a half-written file.
        Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void delete() throws IOException {
        Files.deleteIfExists(path);
    }
}
