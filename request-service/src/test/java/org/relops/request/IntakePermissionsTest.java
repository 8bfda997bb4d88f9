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
import org.relops.model.event.RequestRejected;
import org.relops.testing.WithBusProbe;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The intake exchange lets a broker give a publisher the intake and nothing else, on the real RabbitMQ: a user
 * with write permission on {@code relops.requests} only (the recipe of docs/security.md) gets its commands
 * through, named as the requester, and is refused the events exchange and the default exchange. What it may ask
 * is its requester grant (this profile: {@code production} only); a user of the same permissions without a grant
 * is dead-lettered.
 */
@QuarkusTest
class IntakePermissionsTest extends WithBusProbe {

    private static final String NAMESPACE = System.getenv().getOrDefault("RELOPS_TEST_NAMESPACE", "");
    private static final String USER = "relops-test-publisher" + NAMESPACE;
    private static final String OUTSIDER = "relops-test-outsider" + NAMESPACE;
    private static Connection publisher;
    private static Connection outsider;

    @BeforeAll
    static void createPublishers() throws Exception {
        publisher = intakePublisher(USER);
        outsider = intakePublisher(OUTSIDER);
    }

    private static Connection intakePublisher(String user) throws Exception {
        String password = UUID.randomUUID().toString();
        String vhost = ConfigProvider.getConfig().getValue("relops.bus.virtual-host", String.class);
        rabbitmqctl("delete_user", user);
        // the password on standard input: a command line shows in ps
        rabbitmqctlWithInput(password, "add_user", user);
        rabbitmqctl("set_permissions", "-p", vhost, user, "^$", "^relops\\.requests$", "^$");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(ConfigProvider.getConfig().getValue("relops.bus.host", String.class));
        factory.setVirtualHost(vhost);
        factory.setUsername(user);
        factory.setPassword(password);
        return factory.newConnection("intake-publisher");
    }

    @AfterAll
    static void deletePublishers() throws Exception {
        for (Connection connection : new Connection[] { publisher, outsider }) {
            if (connection != null) {
                connection.close();
            }
        }
        rabbitmqctl("delete_user", USER);
        rabbitmqctl("delete_user", OUTSIDER);
    }

    @Test
    void shouldTakeACommandFromAPublisherThatMayWriteOnlyToTheIntake() throws Exception {
        String id = "scoped-" + UUID.randomUUID();

        publish(Bus.REQUEST_INTAKE_EXCHANGE, "", command(id));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/requests/" + id).then()
                .statusCode(200).body("requestedVia", equalTo("amqp")).body("requestedBy", equalTo(USER)));
    }

    @Test
    void shouldDeadLetterThatPublishersCommandForAnApplicationEnvironmentItWasNotGranted() throws Exception {
        String id = "ungranted-" + UUID.randomUUID();

        publish(publisher, USER, Bus.REQUEST_INTAKE_EXCHANGE, "", command(id, "staging"));

        bus.awaitDeadLetter("request-service", letter -> letter.reason().contains("'" + USER + "' may not ask for "
                + "machines in application environment 'staging'") && letter.reason().contains("grants it production"));
        given().get("/v1/requests/" + id).then().statusCode(404);
    }

    @Test
    void shouldDeadLetterACommandOfABrokerUserWithoutTheRequesterRole() throws Exception {
        String id = "outsider-" + UUID.randomUUID();

        publish(outsider, OUTSIDER, Bus.REQUEST_INTAKE_EXCHANGE, "", command(id, "production"));

        bus.awaitDeadLetter("request-service", letter -> letter.reason().equals("broker user '" + OUTSIDER
                + "' has no requester role: relops.requests.intake.requesters grants it nothing"));
        bus.awaitEvent(RequestRejected.class, event -> event.requestId().equals(id));
        given().get("/v1/requests/" + id).then().statusCode(404);
    }

    @Test
    void shouldRefuseThatPublisherTheEventsExchangeAndTheDefaultExchange() {
        assertThrows(RuntimeException.class, () -> publish(Bus.EVENTS_EXCHANGE, "request.submitted", "{}"));
        assertThrows(RuntimeException.class, () -> publish("", Bus.eventQueue("inventory-service"), "{}"));
    }

    private static String command(String id) {
        return command(id, "production");
    }

    private static String command(String id, String appEnvironment) {
        return "{\"requestId\":\"" + id + "\",\"image\":\"" + RequestFixtures.IMAGE + "\",\"count\":1,"
                + "\"appEnvironment\":\"" + appEnvironment + "\"}";
    }

    /** Publishes as the scoped user, waiting for the broker's confirm; a refusal closes the channel (thrown). */
    private static void publish(String exchange, String routingKey, String body) throws Exception {
        publish(publisher, USER, exchange, routingKey, body);
    }

    private static void publish(Connection connection, String user, String exchange, String routingKey, String body)
            throws Exception {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(exchange, routingKey, new AMQP.BasicProperties.Builder().deliveryMode(2)
                    .userId(user).build(), body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }
    }

    private static void rabbitmqctl(String... arguments) throws IOException, InterruptedException {
        rabbitmqctlWithInput("", arguments);
    }

    private static void rabbitmqctlWithInput(String input, String... arguments) throws IOException,
            InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
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
