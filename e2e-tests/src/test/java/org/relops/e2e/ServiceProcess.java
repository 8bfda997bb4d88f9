package org.relops.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One relops service running as its packaged application in a process of its own, exactly as it
 * runs in production, with its configuration given as system properties. It can be killed without
 * warning and started again.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path application;
    private final int port;
    private final Path log;
    private final Map<String, String> properties = new TreeMap<>();
    private final Map<String, String> environment = new TreeMap<>();
    private Duration readyWithin = Duration.ofMinutes(5);
    private Process process;

    ServiceProcess(String name, Path root, int port, Path logDirectory) {
        this(root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"), name, port,
                logDirectory.resolve(name + ".log"));
    }

    private ServiceProcess(Path application, String name, int port, Path log) {
        this.name = name;
        this.application = application;
        this.port = port;
        this.log = log;
        properties.put("quarkus.http.port", String.valueOf(port));
    }

    /** Another replica of this service (its number counts from 2): the same settings, on a port of its own. */
    ServiceProcess replica(int number, int replicaPort) {
        ServiceProcess replica = new ServiceProcess(application, name + "-" + number, replicaPort,
                log.resolveSibling(name + "-" + number + ".log"));
        properties.forEach((key, value) -> replica.properties.putIfAbsent(key, value));
        replica.environment.putAll(environment);
        replica.readyWithin = readyWithin;
        return replica;
    }

    /** Whether its process runs. */
    boolean isAlive() {
        return process != null && process.isAlive();
    }

    ServiceProcess with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** A secret setting: handed over in the environment (as Quarkus reads it), never on the command line. */
    ServiceProcess withSecret(String key, String value) {
        environment.put(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value);
        return this;
    }

    /** How long it may take to become ready (imaging-service builds its seed images first). */
    ServiceProcess readyWithin(Duration limit) {
        readyWithin = limit;
        return this;
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Starts the process; {@link #awaitReady} waits until it serves and is connected to the bus. */
    ServiceProcess start() {
        if (!Files.isRegularFile(application)) {
            throw new IllegalStateException(application + " is missing: package " + name + " first");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", application.toString()));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Process started = process;
            // A test JVM that dies must not leave services holding ports for the next run.
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        return this;
    }

    void awaitReady() {
        await(name + " ready").atMost(readyWithin).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                    }
                    return isReady();
                });
    }

    private boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the process at once, as a crash or {@code kill -9} would. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            await(name + " dead").atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        }
    }

    /** Stops the process politely, letting it shut down; kills it if it does not within 30 s. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
