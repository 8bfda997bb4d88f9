package org.relops.cli;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.relops.model.Bus;
import org.relops.model.envelope.CloudEvent;
import org.relops.model.envelope.EnvelopeCodec;
import org.relops.model.envelope.MalformedEventException;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code relops events --follow}: the live event stream of the environment, as a dashboard sees it, from a queue
 * of its own on the events exchange (gone when the command ends). relops keeps no event history: what happened
 * before is in the audit trail ({@code relops audit}) and the requests.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Follow the live event stream, optionally of one request, one host or some types.")
public class EventsCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @Mixin
    ServiceOptions service;

    @Option(names = {"-f", "--follow"}, required = true, description = "follow the stream from now on (required: "
            + "relops keeps no event history; see relops audit)")
    boolean follow;

    @Option(names = "--bus", defaultValue = "${RELOPS_BUS_URL:-amqp://guest@127.0.0.1:5672/relops-local}",
            description = "the environment's broker, amqp://USER@HOST:PORT/VHOST (default: ${DEFAULT-VALUE}, or "
                    + "$RELOPS_BUS_URL); the password comes from $RELOPS_BUS_PASSWORD")
    String bus;

    @Option(names = "--request", description = "only events of this request")
    String request;

    @Option(names = "--host", description = "only events about this hostname")
    String host;

    @Option(names = "--type", defaultValue = "#", description = "a routing pattern of event types, e.g. machine.* "
            + "or request.# (default: all)")
    String type;

    @Option(names = "--count", description = "stop after this many events")
    Integer count;

    @Option(names = "--for", description = "stop after this long (e.g. 90s, 10m)")
    String duration;

    @Override
    public Integer call() {
        return Commands.run(() -> {
            BlockingQueue<CloudEvent> events = new LinkedBlockingQueue<>();
            try (Connection connection = connect()) {
                Channel channel = connection.createChannel();
                String queue = channel.queueDeclare().getQueue();
                channel.queueBind(queue, Bus.EVENTS_EXCHANGE, type);
                channel.basicConsume(queue, true, (tag, delivery) -> {
                    try {
                        events.add(EnvelopeCodec.decode(delivery.getBody()));
                    } catch (MalformedEventException e) {
                        // not an event relops can read: a dashboard would skip it too
                    }
                }, tag -> { });
                System.err.println("following " + Bus.EVENTS_EXCHANGE + " (" + type + ") on " + bus
                        + "; Ctrl-C stops");
                long deadline = duration == null ? Long.MAX_VALUE
                        : System.nanoTime() + Duration.parse("PT" + duration.toUpperCase(java.util.Locale.ROOT)).toNanos();
                int shown = 0;
                while ((count == null || shown < count) && System.nanoTime() < deadline) {
                    CloudEvent event = events.poll(Math.min(1_000_000_000L, Math.max(1, deadline - System.nanoTime())),
                            TimeUnit.NANOSECONDS);
                    if (event != null && matches(event)) {
                        print(event);
                        shown++;
                    }
                }
            }
            return RequestCommand.OK;
        });
    }

    private Connection connect() throws Exception {
        try {
            return factory().newConnection("relops-events");
        } catch (java.io.IOException | java.util.concurrent.TimeoutException e) {
            String why = e.getMessage() != null ? e.getMessage()
                    : e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getClass().getSimpleName();
            throw new IllegalStateException("cannot follow the events at " + bus + " (" + why + "); is relops "
                    + "running there? (./relops status shows its broker; --bus or RELOPS_BUS_URL points elsewhere)");
        }
    }

    private ConnectionFactory factory() throws Exception {
        URI uri = URI.create(bus);
        if (!"amqp".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--bus must be amqp://USER@HOST:PORT/VHOST, not " + bus);
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(uri.getHost());
        factory.setPort(uri.getPort() < 0 ? 5672 : uri.getPort());
        String path = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/" : uri.getRawPath().substring(1);
        factory.setVirtualHost(URLDecoder.decode(path, StandardCharsets.UTF_8));
        if (uri.getUserInfo() != null && uri.getUserInfo().contains(":")) {
            throw new IllegalArgumentException("--bus names no password: it goes in RELOPS_BUS_PASSWORD (a command "
                    + "line shows in ps)");
        }
        String user = uri.getUserInfo() == null ? "guest" : uri.getUserInfo();
        factory.setUsername(user);
        // a password is a secret: from the environment only, never in the URL or an option (ps shows both)
        String password = System.getenv("RELOPS_BUS_PASSWORD");
        factory.setPassword(password == null ? "guest" : password);
        return factory;
    }

    private boolean matches(CloudEvent event) {
        JsonNode data = event.data();
        if (request != null && !request.equals(event.correlationid()) && !request.equals(data.path("requestId").asText())) {
            return false;
        }
        return host == null || host.equals(data.path("hostname").asText());
    }

    private void print(CloudEvent event) throws com.fasterxml.jackson.core.JsonProcessingException {
        if (service.output == ServiceOptions.Output.json) {
            System.out.println(EnvelopeCodec.JSON.writeValueAsString(event));
        } else {
            System.out.println(TIME.format(event.time()) + "  " + event.type() + "  " + (event.actor() == null ? ""
                    : "by " + event.actor() + "  ") + EnvelopeCodec.JSON.writeValueAsString(event.data()));
        }
        System.out.flush();
    }
}
