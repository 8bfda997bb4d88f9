package org.relops.request.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.model.Bus;
import org.relops.model.command.ProvisionCommand;
import org.relops.model.envelope.EnvelopeCodec;
import org.relops.model.event.RequestRejected;
import org.relops.request.config.RequestConfig;
import org.relops.request.service.NewRequest;
import org.relops.request.service.RequestService;
import org.relops.support.consume.DeliveryProcessor;
import org.relops.support.consume.PoisonMessageException;
import org.relops.support.consume.QueueSubscription;
import org.relops.support.consume.VouchedPublisher;
import org.relops.support.bus.BusConfig;
import org.relops.support.outbox.EventOutbox;
import org.relops.support.rest.ProblemException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.rabbitmq.client.AMQP;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Takes provisioning commands from the durable intake queue {@code relops.requests}, as buildbot
 * publishes them, exactly as the REST intake does. The publisher's {@code requestId} (or a fresh
 * one) becomes the request's id; a command delivered twice makes one request, with or without a
 * {@code requestId} (without one, its message id or else its content identifies it). A command that
 * cannot be a request is dead-lettered with the reason and, when it names a request id,
 * answered with {@code request.rejected}; so is a command whose publisher (its broker-checked
 * {@code user-id}) has no requester role for the application environment it asks in ({@link IntakeRequesters}).
 */
@ApplicationScoped
public class RequestIntake implements QueueSubscription {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final ObjectReader COMMANDS = EnvelopeCodec.JSON.readerFor(ProvisionCommand.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    RequestService requests;

    @Inject
    EventOutbox outbox;

    @Inject
    RequestConfig config;

    @Inject
    IntakeRequesters requesters;

    @Inject
    BusConfig bus;

    @Override
    public String queue() {
        return Bus.REQUEST_INTAKE_QUEUE;
    }

    @Override
    public java.util.Optional<String> exchange() {
        return java.util.Optional.of(Bus.REQUEST_INTAKE_EXCHANGE);
    }

    @Override
    public DeliveryProcessor processor() {
        return (body, properties) -> accept(body, properties);
    }

    private void accept(byte[] body, AMQP.BasicProperties properties) {
        ProvisionCommand command;
        try {
            command = COMMANDS.readValue(body);
        } catch (IOException e) {
            throw new PoisonMessageException("not a provisioning command: " + firstLine(e.getMessage()));
        }
        if (command == null) {
            throw new PoisonMessageException("not a provisioning command: empty body");
        }
        String requestId = command.requestId();
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            throw new PoisonMessageException("requestId '" + requestId
                    + "' must be 1-100 letters, digits, '.', '_', ':' or '-'");
        }
        try {
            NewRequest request = NewRequest.validate(command.image(), command.count(), command.appEnvironment(),
                    command.hostnamePrefix(), command.constraints(), config.maxCount());
            RequestService.Requester publisher = publisher(properties);
            requesters.check(publisher.user(), request.appEnvironment());
            requests.submit(request, requestId, requestId == null ? redeliveryKey(body, properties) : null,
                    publisher);
        } catch (IllegalArgumentException | ProblemException | PoisonMessageException invalid) {
            reject(requestId, invalid.getMessage());
        }
    }

    /**
     * Who published the command: the message's {@code user-id}, which RabbitMQ checks against the user of the
     * connection it came on (it refuses a message that claims another), kept across retries and replays
     * ({@link VouchedPublisher}); nobody known when it sets none.
     */
    private RequestService.Requester publisher(AMQP.BasicProperties properties) {
        return new RequestService.Requester("amqp", VouchedPublisher.of(properties, bus.username()));
    }

    /**
     * What identifies a command that names no request id, so that its redelivery is recognised: the message id
     * its publisher set, else its content. (Two commands alike in every byte and without ids are one request;
     * a publisher that means two sets a requestId or a message id.)
     */
    static String redeliveryKey(byte[] body, AMQP.BasicProperties properties) {
        String messageId = properties == null ? null : properties.getMessageId();
        if (messageId != null && !messageId.isBlank()) {
            return "intake:message:" + sha256(messageId.getBytes(StandardCharsets.UTF_8));
        }
        return "intake:content:" + sha256(body);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private void reject(String requestId, String reason) {
        if (requestId != null) {
            QuarkusTransaction.requiringNew().run(() -> outbox.emit(new RequestRejected(requestId, reason)));
        }
        throw new PoisonMessageException(reason);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
