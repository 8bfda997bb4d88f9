package org.relops.dns.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.relops.dns.Dig;
import org.relops.dns.ExternalCommand;

/** A real BIND {@code named} on 127.0.0.1, secondary for zones of a primary on 127.0.0.1; stopped on close. */
final class BindSecondary implements AutoCloseable {

    private final Process named;
    private final Path directory;
    private final int port;

    private BindSecondary(Process named, Path directory, int port) {
        this.named = named;
        this.directory = directory;
        this.port = port;
    }

    static BindSecondary start(int port, int primaryPort, List<String> zones) throws IOException {
        ExternalCommand.requireTool("named");
        Path directory = Files.createTempDirectory(Path.of("target"), "bind-secondary-").toAbsolutePath();
        StringBuilder config = new StringBuilder("""
                options {
                    directory "%1$s";
                    listen-on port %2$d { 127.0.0.1; };
                    listen-on-v6 { none; };
                    pid-file "%1$s/named.pid";
                    session-keyfile "%1$s/session.key";
                    recursion no;
                    notify no;
                    dnssec-validation no;
                };
                controls { };
                """.formatted(directory, port));
        for (String zone : zones) {
            config.append("zone \"%1$s\" { type secondary; primaries port %2$d { 127.0.0.1; }; file \"%1$s.db\"; };\n"
                    .formatted(zone, primaryPort));
        }
        Path conf = directory.resolve("named.conf");
        Files.writeString(conf, config);
        Process named = new ProcessBuilder("named", "-g", "-4", "-n", "1", "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("named.log").toFile())
                .start();
        return new BindSecondary(named, directory, port);
    }

    Dig dig() {
        return Dig.at(port);
    }

    String log() throws IOException {
        return Files.readString(directory.resolve("named.log"));
    }

    @Override
    public void close() throws InterruptedException {
        named.destroy();
        if (!named.waitFor(10, TimeUnit.SECONDS)) {
            named.destroyForcibly();
        }
    }
}
