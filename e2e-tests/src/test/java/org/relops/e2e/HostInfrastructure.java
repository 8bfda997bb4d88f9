package org.relops.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The PostgreSQL and RabbitMQ on this host, as the chaos suite handles them: killed with SIGKILL, started again
 * by the project's own script ({@code scripts/infra.sh}, as {@code ./relops test} starts them), and read for what
 * must be empty at the end (a database's unpublished outbox rows, a queue's messages).
 */
final class HostInfrastructure {

    private final Path root;

    HostInfrastructure(Path root) {
        this.root = root;
    }

    /** Kills every RabbitMQ process at once, as a crash of the broker's host would, then starts it again. */
    void crashRabbitMq() {
        run(Duration.ofSeconds(30), "pkill", "-KILL", "-f", "beam.smp.*rabbit");
        await("RabbitMQ dead").atMost(Duration.ofSeconds(30))
                .until(() -> run(Duration.ofSeconds(10), "pgrep", "-f", "beam.smp.*rabbit").isBlank());
        infra("ensure_rabbitmq");
    }

    /** Kills every PostgreSQL process at once (the postmaster and its backends), then starts it again. */
    void crashPostgres() {
        run(Duration.ofSeconds(30), "pkill", "-KILL", "-u", "postgres", "-x", "postgres");
        await("PostgreSQL dead").atMost(Duration.ofSeconds(30))
                .until(() -> run(Duration.ofSeconds(10), "pgrep", "-u", "postgres", "-x", "postgres").isBlank());
        infra("ensure_postgres");
    }

    /** How many events of a database's outbox have not been published. */
    long unpublishedEvents(String database) {
        String count = run(Duration.ofSeconds(30), List.of("env", "PGPASSWORD=relops", "psql", "-h", "127.0.0.1",
                "-U", "relops", "-d", database, "-tAc", "select count(*) from outbox_event where published_at is null"));
        return Long.parseLong(count.trim());
    }

    /** How many messages wait in a queue of a vhost. */
    static long messagesIn(String virtualHost, String queue) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setVirtualHost(virtualHost);
        try (Connection connection = factory.newConnection("chaos-check"); Channel channel = connection.createChannel()) {
            AMQP.Queue.DeclareOk queueState = channel.queueDeclarePassive(queue);
            return queueState.getMessageCount();
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read queue " + queue + " of " + virtualHost + ": " + e, e);
        }
    }

    private void infra(String function) {
        run(Duration.ofMinutes(2), List.of("bash", "-c", "source scripts/infra.sh && " + function));
    }

    private String run(Duration limit, String... command) {
        return run(limit, List.of(command));
    }

    private String run(Duration limit, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + limit);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // pkill and pgrep say 1 when nothing matched: that is an answer, not a failure
            if (process.exitValue() > 1) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
