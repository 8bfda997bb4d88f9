package org.relops.request;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relops.model.Bus;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The intake exchange lets a broker give a publisher the intake and nothing else, on the real RabbitMQ: a user
 * with write permission on {@code relops.requests} only (the recipe of docs/security.md) gets its commands
 * through, named as the requester, and is refused the events exchange and the default exchange.
 */
@QuarkusTest
class IntakePermissionsTest {

    private static final String USER = "relops-test-publisher" + System.getenv().getOrDefault("RELOPS_TEST_NAMESPACE", "");
    private static final String PASSWORD = UUID.randomUUID().toString();
    private static Connection publisher;

    @BeforeAll
    static void createPublisher() throws Exception {
        String vhost = ConfigProvider.getConfig().getValue("relops.bus.virtual-host", String.class);
        rabbitmqctl("delete_user", USER);
        rabbitmqctl("add_user", USER, PASSWORD);
        rabbitmqctl("set_permissions", "-p", vhost, USER, "^$", "^relops\\.requests$", "^$");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(ConfigProvider.getConfig().getValue("relops.bus.host", String.class));
        factory.setVirtualHost(vhost);
        factory.setUsername(USER);
        factory.setPassword(PASSWORD);
        publisher = factory.newConnection("intake-publisher");
    }

    @AfterAll
    static void deletePublisher() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        rabbitmqctl("delete_user", USER);
    }

    @Test
    void shouldTakeACommandFromAPublisherThatMayWriteOnlyToTheIntake() throws Exception {
        String id = "scoped-" + UUID.randomUUID();

        publish(Bus.REQUEST_INTAKE_EXCHANGE, "", command(id));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/requests/" + id).then()
                .statusCode(200).body("requestedVia", equalTo("amqp")).body("requestedBy", equalTo(USER)));
    }

    @Test
    void shouldRefuseThatPublisherTheEventsExchangeAndTheDefaultExchange() {
        assertThrows(RuntimeException.class, () -> publish(Bus.EVENTS_EXCHANGE, "request.submitted", "{}"));
        assertThrows(RuntimeException.class, () -> publish("", Bus.eventQueue("inventory-service"), "{}"));
    }

    private static String command(String id) {
        return "{\"requestId\":\"" + id + "\",\"image\":\"" + RequestFixtures.IMAGE + "\",\"count\":1,"
                + "\"appEnvironment\":\"production\"}";
    }

    /** Publishes as the scoped user, waiting for the broker's confirm; a refusal closes the channel (thrown). */
    private static void publish(String exchange, String routingKey, String body) throws Exception {
        try (Channel channel = publisher.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(exchange, routingKey, new AMQP.BasicProperties.Builder().deliveryMode(2)
                    .userId(USER).build(), body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }
    }

    private static void rabbitmqctl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("rabbitmqctl " + arguments[0] + " did not end within 60 s");
        }
        // delete_user of a user that does not exist fails; that is what it is asked for before add_user
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0 && !arguments[0].equals("delete_user")) {
            throw new IllegalStateException("rabbitmqctl " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
