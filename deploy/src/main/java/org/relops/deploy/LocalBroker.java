package org.relops.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;

/**
 * An AMQP 0-9-1 broker (Apache Qpid Broker-J) running inside this JVM, with its state under the
 * configured work directory.
 */
final class LocalBroker implements AutoCloseable {

    private static final Duration ACTIVATION_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;
    private static final String DERBY_LOG_PROPERTY = "derby.stream.error.file";

    private final SystemLauncher launcher;

    private LocalBroker(SystemLauncher launcher) {
        this.launcher = launcher;
    }

    /** Starts the broker and returns once its port and every virtual host are active. */
    static LocalBroker start(LocalInfrastructureConfig config) throws Exception {
        Path workDirectory = config.brokerWorkDirectory();
        Files.createDirectories(workDirectory);
        Path initialConfiguration = workDirectory.resolve("initial-config.json");
        Files.writeString(initialConfiguration, BrokerConfiguration.render(config));
        // Derby, the virtual hosts' store, writes derby.log into the current directory unless told otherwise.
        if (System.getProperty(DERBY_LOG_PROPERTY) == null) {
            System.setProperty(DERBY_LOG_PROPERTY, workDirectory.resolve("derby.log").toString());
        }
        AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
        SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void onContainerResolve(SystemConfig<?> systemConfig) {
                system.set(systemConfig);
            }
        });
        // "Memory": the broker-wide configuration is rebuilt from the file on every start, so port and
        // vhost settings always take effect; the virtual hosts keep their own Derby stores.
        launcher.startup(Map.of(
                "type", "Memory",
                "initialConfigurationLocation", initialConfiguration.toUri().toString(),
                "startupLoggedToSystemOut", false,
                "context", Map.of("qpid.work_dir", workDirectory.toString())));
        LocalBroker broker = new LocalBroker(launcher);
        try {
            awaitActive(system.get());
        } catch (Exception e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** Qpid reports a port it cannot bind only by marking it ERRORED, so look at every part. */
    private static void awaitActive(SystemConfig<?> system) throws IOException, InterruptedException {
        if (system == null) {
            throw new IOException("the broker did not start");
        }
        long deadline = System.nanoTime() + ACTIVATION_TIMEOUT.toNanos();
        while (true) {
            List<ConfiguredObject<?>> parts = parts(system.getContainer(Broker.class));
            List<String> failed = describe(parts, State.ERRORED, State.DELETED);
            if (!failed.isEmpty()) {
                throw new IOException("broker parts failed to start: " + failed + " (see the log above)");
            }
            List<String> pending = parts.stream()
                    .filter(part -> part.getState() != State.ACTIVE)
                    .map(LocalBroker::describe)
                    .toList();
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("broker parts not active after " + ACTIVATION_TIMEOUT.toSeconds() + " s: "
                        + pending);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static List<ConfiguredObject<?>> parts(Broker<?> broker) {
        List<ConfiguredObject<?>> parts = new ArrayList<>();
        parts.add(broker);
        for (Port<?> port : broker.getChildren(Port.class)) {
            parts.add(port);
        }
        for (VirtualHostNode<?> node : broker.getChildren(VirtualHostNode.class)) {
            parts.add(node);
            VirtualHost<?> host = node.getVirtualHost();
            if (host != null) {
                parts.add(host);
            }
        }
        return parts;
    }

    private static List<String> describe(List<ConfiguredObject<?>> parts, State... states) {
        return parts.stream()
                .filter(part -> List.of(states).contains(part.getState()))
                .map(LocalBroker::describe)
                .toList();
    }

    private static String describe(ConfiguredObject<?> part) {
        return part.getCategoryClass().getSimpleName() + " '" + part.getName() + "' " + part.getState();
    }

    @Override
    public void close() throws IOException {
        launcher.shutdown();
    }
}
