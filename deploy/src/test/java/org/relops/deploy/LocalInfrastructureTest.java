package org.relops.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relops.model.Bus;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;

/**
 * Starts the local infrastructure on free ports and uses it the way the services do: the shared
 * runtime's bus topology and message flow over AMQP, and the service role's databases over JDBC.
 */
class LocalInfrastructureTest {

    private static final String VHOST = LocalInfrastructureConfig.DEFAULT_VIRTUAL_HOST;
    private static final String EVENT_TYPE = "request.submitted";
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(10);
    /** Shared by test runs so the PostgreSQL binaries (~60 MB) are unpacked once. */
    private static final Path BINARIES = Path.of("target", "postgres-binaries");
    private static final Duration PREDECESSOR_START = Duration.ofSeconds(60);

    @TempDir
    static Path directory;

    private static LocalInfrastructureConfig config;
    private static LocalInfrastructure infrastructure;

    @BeforeAll
    static void start() throws Exception {
        LocalInfrastructureConfig defaults = LocalInfrastructureConfig.defaults(directory, freePort(), freePort());
        config = new LocalInfrastructureConfig(defaults.directory(), defaults.postgresPort(), defaults.amqpPort(),
                defaults.virtualHosts(), defaults.databaseUser(), defaults.databasePassword(), defaults.databases(),
                BINARIES);
        infrastructure = LocalInfrastructure.start(config);
    }

    @AfterAll
    static void stop() {
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void shouldWriteTheReadyFileWithPortsAndVirtualHosts() throws IOException {
        Properties ready = readyFile();

        assertEquals(String.valueOf(config.postgresPort()), ready.getProperty("RELOPS_EMBEDDED_PG_PORT"));
        assertEquals(String.valueOf(config.amqpPort()), ready.getProperty("RELOPS_EMBEDDED_BUS_PORT"));
        assertEquals(VHOST, ready.getProperty("RELOPS_BUS_VHOST"));
        assertEquals(String.valueOf(ProcessHandle.current().pid()), ready.getProperty("RELOPS_EMBEDDED_PID"));
    }

    @Test
    void shouldRouteAConfirmedEventToABoundDurableQueueAndDeliverItForManualAck() throws Exception {
        String service = uniqueService();
        String queue = Bus.eventQueue(service);
        try (com.rabbitmq.client.Connection connection = connect(VHOST); Channel channel = connection.createChannel()) {
            declareSubscribedServiceQueue(channel, service, EVENT_TYPE);
            String eventId = UUID.randomUUID().toString();

            publishConfirmed(channel, EVENT_TYPE, eventId, eventId);

            ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
            channel.basicQos(1);
            channel.basicConsume(queue, false, collectingInto(channel, deliveries));
            await().atMost(DELIVERY_WAIT).until(() -> !deliveries.isEmpty());
            Delivery delivery = deliveries.poll();
            assertEquals(eventId, delivery.properties().getMessageId());
            assertEquals(Bus.CLOUDEVENTS_CONTENT_TYPE, delivery.properties().getContentType());
            assertEquals(eventId, new String(delivery.body(), StandardCharsets.UTF_8));

            channel.basicAck(delivery.deliveryTag(), false);
            await().atMost(DELIVERY_WAIT).until(() -> queueDepth(queue) == 0);
        }
    }

    @Test
    void shouldNotRouteAnEventToAQueueBoundToOtherTypes() throws Exception {
        String service = uniqueService();
        String queue = Bus.eventQueue(service);
        try (com.rabbitmq.client.Connection connection = connect(VHOST); Channel channel = connection.createChannel()) {
            declareSubscribedServiceQueue(channel, service, "machine.booted");

            publishConfirmed(channel, EVENT_TYPE, "e1", "e1");
            publishConfirmed(channel, "machine.booted", "e2", "e2");

            GetResponse only = channel.basicGet(queue, true);
            assertEquals("e2", only.getProps().getMessageId());
            assertEquals(0, channel.queueDeclarePassive(queue).getMessageCount());
        }
    }

    @Test
    void shouldDeadLetterFromTheConsumingChannelThroughTheDefaultExchangeBeforeAcking() throws Exception {
        String service = uniqueService();
        String queue = Bus.eventQueue(service);
        String deadLetters = Bus.deadLetterQueue(service);
        try (com.rabbitmq.client.Connection connection = connect(VHOST); Channel channel = connection.createChannel()) {
            declareSubscribedServiceQueue(channel, service, EVENT_TYPE);
            publishConfirmed(channel, EVENT_TYPE, "bad-1", "not a CloudEvent");

            // As the shared consumer does: republish with the reason on the same channel, wait for the confirm, ack.
            channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                        byte[] body) throws IOException {
                    AMQP.BasicProperties withReason = properties.builder()
                            .headers(Map.of(Bus.DEAD_LETTER_REASON_HEADER, "malformed envelope",
                                    Bus.DEAD_LETTER_QUEUE_HEADER, queue))
                            .build();
                    channel.basicPublish("", deadLetters, withReason, body);
                    try {
                        channel.waitForConfirmsOrDie(DELIVERY_WAIT.toMillis());
                    } catch (InterruptedException | TimeoutException e) {
                        throw new IOException("no confirm for the dead letter", e);
                    }
                    channel.basicAck(envelope.getDeliveryTag(), false);
                }
            });

            await().atMost(DELIVERY_WAIT).until(() -> queueDepth(deadLetters) == 1 && queueDepth(queue) == 0);
        }
        try (com.rabbitmq.client.Connection connection = connect(VHOST); Channel channel = connection.createChannel()) {
            GetResponse dead = channel.basicGet(deadLetters, true);
            Map<String, Object> headers = dead.getProps().getHeaders();
            assertEquals("bad-1", dead.getProps().getMessageId());
            assertEquals("malformed envelope", headers.get(Bus.DEAD_LETTER_REASON_HEADER).toString());
            assertEquals(queue, headers.get(Bus.DEAD_LETTER_QUEUE_HEADER).toString());
            assertEquals("not a CloudEvent", new String(dead.getBody(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldAcceptRabbitMqOnlyQueueArgumentsByIgnoringThem() throws Exception {
        String service = uniqueService();
        try (com.rabbitmq.client.Connection connection = connect(VHOST); Channel channel = connection.createChannel()) {
            declareServiceTopology(channel, service, Map.of("x-queue-type", "quorum", "x-delivery-limit", 5,
                    "x-dead-letter-exchange", "", "x-dead-letter-routing-key", Bus.deadLetterQueue(service)));

            assertTrue(channel.isOpen());
            assertEquals(0, channel.queueDeclarePassive(Bus.eventQueue(service)).getMessageCount());
        }
    }

    @Test
    void shouldServeTheFirstVirtualHostToClientsAskingForTheDefaultOne() throws Exception {
        String service = uniqueService();
        try (com.rabbitmq.client.Connection named = connect(VHOST); Channel channel = named.createChannel()) {
            declareServiceTopology(channel, service, Map.of());
        }
        try (com.rabbitmq.client.Connection unnamed = connect("/"); Channel channel = unnamed.createChannel()) {
            assertEquals(0, channel.queueDeclarePassive(Bus.eventQueue(service)).getMessageCount());
        }
    }

    @Test
    void shouldCreateEveryServiceDatabaseOwnedByTheServiceRole() throws SQLException {
        List<String> owned = new ArrayList<>();
        try (Connection connection = connectDatabase("postgres");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("""
                        select datname from pg_database d join pg_roles r on r.oid = d.datdba
                        where r.rolname = 'relops' order by datname""")) {
            while (result.next()) {
                owned.add(result.getString(1));
            }
        }

        assertEquals(config.databases().stream().sorted().toList(), owned);
    }

    @Test
    void shouldLetTheServiceRoleCreateAndUseATable() throws SQLException {
        try (Connection connection = connectDatabase("relops_request");
                Statement statement = connection.createStatement()) {
            statement.execute("create table probe_request (id uuid primary key, note text not null)");
            statement.execute("insert into probe_request values (gen_random_uuid(), 'written by relops')");

            try (ResultSet result = statement.executeQuery("select note, current_user from probe_request")) {
                assertTrue(result.next());
                assertEquals("written by relops", result.getString(1));
                assertEquals("relops", result.getString(2));
            }
        }
    }

    @Test
    void shouldRefuseASecondInstanceOnTheSameDirectory() {
        LocalInfrastructureConfig sameDirectory = LocalInfrastructureConfig.defaults(directory, freePort(),
                freePort());

        IOException refused = assertThrows(IOException.class, () -> LocalInfrastructure.start(sameDirectory));
        assertTrue(refused.getMessage().contains("already runs"), refused.getMessage());
    }

    @Test
    void shouldKeepPersistentMessagesAndDataAcrossARestart() throws Exception {
        String service = uniqueService();
        String queue = Bus.eventQueue(service);
        try (com.rabbitmq.client.Connection connection = connect(VHOST); Channel channel = connection.createChannel()) {
            declareSubscribedServiceQueue(channel, service, EVENT_TYPE);
            publishConfirmed(channel, EVENT_TYPE, "kept", "kept");
        }
        try (Connection connection = connectDatabase("relops_inventory");
                Statement statement = connection.createStatement()) {
            statement.execute("create table kept_system (name text primary key)");
            statement.execute("insert into kept_system values ('ms1-001')");
        }

        infrastructure.close();
        assertFalse(Files.exists(config.readyFile()), "the ready file outlived the shutdown");
        infrastructure = LocalInfrastructure.start(config);

        assertTrue(Files.exists(config.readyFile()));
        try (com.rabbitmq.client.Connection connection = connect(VHOST); Channel channel = connection.createChannel()) {
            GetResponse kept = channel.basicGet(queue, true);
            assertNotNull(kept, "the persistent message was lost");
            assertEquals("kept", kept.getProps().getMessageId());
        }
        try (Connection connection = connectDatabase("relops_inventory");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select name from kept_system")) {
            assertTrue(result.next(), "the row was lost");
            assertEquals("ms1-001", result.getString(1));
        }
    }

    @Test
    void shouldTakeOverFromAPredecessorKilledWithoutShuttingDown() throws Exception {
        infrastructure.close();
        Process predecessor = startInAnotherJvm();
        try {
            await().atMost(PREDECESSOR_START).until(() -> Files.exists(config.readyFile()) || !predecessor.isAlive());
            assertTrue(predecessor.isAlive(), "the predecessor did not start: " + predecessorLog());
        } finally {
            predecessor.destroyForcibly().waitFor();
        }
        ProcessHandle orphan = postmaster().orElseThrow();
        assertTrue(orphan.isAlive(), "PostgreSQL did not outlive its killed parent; nothing to take over");

        infrastructure = LocalInfrastructure.start(config);

        assertFalse(orphan.isAlive(), "the orphaned PostgreSQL still runs");
        try (Connection connection = connectDatabase("relops_request");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select 1")) {
            assertTrue(result.next());
        }
        try (com.rabbitmq.client.Connection connection = connect(VHOST)) {
            assertTrue(connection.isOpen());
        }
    }

    /** What the shared runtime declares: the events exchange, a service's work queue and dead-letter queue. */
    private static void declareServiceTopology(Channel channel, String service, Map<String, Object> queueArguments)
            throws IOException {
        channel.exchangeDeclare(Bus.EVENTS_EXCHANGE, "topic", true);
        channel.queueDeclare(Bus.deadLetterQueue(service), true, false, false, queueArguments);
        channel.queueDeclare(Bus.eventQueue(service), true, false, false, queueArguments);
    }

    /** The topology, the service's queue bound to one event type, and publisher confirms on the channel. */
    private static void declareSubscribedServiceQueue(Channel channel, String service, String eventType)
            throws IOException {
        declareServiceTopology(channel, service, Map.of());
        channel.queueBind(Bus.eventQueue(service), Bus.EVENTS_EXCHANGE, eventType);
        channel.confirmSelect();
    }

    /** Publishes a persistent event as the outbox relay does and waits for the broker's confirm. */
    private static void publishConfirmed(Channel channel, String eventType, String eventId, String body)
            throws IOException, InterruptedException, TimeoutException {
        channel.basicPublish(Bus.EVENTS_EXCHANGE, eventType, event(eventId), body(body));
        channel.waitForConfirmsOrDie(DELIVERY_WAIT.toMillis());
    }

    private static AMQP.BasicProperties event(String eventId) {
        return new AMQP.BasicProperties.Builder()
                .contentType(Bus.CLOUDEVENTS_CONTENT_TYPE)
                .deliveryMode(2)
                .messageId(eventId)
                .type(EVENT_TYPE)
                .build();
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static DefaultConsumer collectingInto(Channel channel, ConcurrentLinkedQueue<Delivery> deliveries) {
        return new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                deliveries.add(new Delivery(envelope.getDeliveryTag(), properties, body));
            }
        };
    }

    private static int queueDepth(String queue) throws IOException, TimeoutException {
        try (com.rabbitmq.client.Connection connection = connect(VHOST); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }

    private static com.rabbitmq.client.Connection connect(String virtualHost) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(config.amqpPort());
        factory.setUsername(LocalInfrastructureConfig.BROKER_USER);
        factory.setPassword(LocalInfrastructureConfig.BROKER_PASSWORD);
        factory.setVirtualHost(virtualHost);
        return factory.newConnection();
    }

    private static Connection connectDatabase(String database) throws SQLException {
        String user = "postgres".equals(database) ? "postgres" : config.databaseUser();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:%d/%s".formatted(config.postgresPort(),
                database), user, config.databasePassword());
    }

    private static Properties readyFile() throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(config.readyFile())) {
            properties.load(reader);
        }
        return properties;
    }

    private static Process startInAnotherJvm() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // C1 only and the serial collector: this JVM lives a few seconds, start-up is what counts.
        return new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                LocalInfrastructure.class.getName(),
                "--state-dir", config.directory().toString(),
                "--postgres-port", String.valueOf(config.postgresPort()),
                "--amqp-port", String.valueOf(config.amqpPort()),
                "--postgres-binaries-dir", config.binariesDirectory().toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("predecessor.log").toFile())
                .start();
    }

    private static String predecessorLog() throws IOException {
        return Files.readString(directory.resolve("predecessor.log"));
    }

    private static Optional<ProcessHandle> postmaster() throws IOException {
        String pid = Files.readAllLines(config.postgresDataDirectory().resolve("postmaster.pid")).get(0).trim();
        return ProcessHandle.of(Long.parseLong(pid));
    }

    private static String uniqueService() {
        return "probe-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private record Delivery(long deliveryTag, AMQP.BasicProperties properties, byte[] body) {
    }
}
