package org.relops.support.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.relops.model.envelope.CloudEvent;
import org.relops.model.envelope.EnvelopeCodec;
import org.relops.model.event.RelopsEvent;
import org.relops.support.auth.CurrentCaller;
import org.relops.support.bus.BusConfig;
import org.relops.support.consume.EventContext;

import io.agroal.api.AgroalDataSource;

/**
 * Records the events a state change causes, in the caller's transaction: they are published if and
 * only if that transaction commits. The relay is woken right after the commit. Each envelope names its
 * {@code actor}: the cause's, or else the verified caller of the API call being served.
 */
@ApplicationScoped
public class EventOutbox {

    @Inject
    BusConfig config;

    @Inject
    OutboxRelay relay;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    CurrentCaller caller;

    @Inject
    AgroalDataSource dataSource;

    /** Rows in the order given (unnest keeps it), so {@code seq} orders them as one by one would. */
    private static final String INSERT_ALL = """
            insert into outbox_event (event_id, type, envelope, created_at)
            select id, type, envelope, ? from unnest(?::varchar[], ?::varchar[], ?::text[]) as e(id, type, envelope)""";

    /** Records an event that starts a conversation; its request id is the correlation id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent emit(RelopsEvent event) {
        return append(EnvelopeCodec.wrap(event, source(), null, null, caller.name().orElse(null)));
    }

    /** Records an event caused by a handled one: same correlation, causation = the cause's id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent emit(RelopsEvent event, EventContext cause) {
        String actor = cause.actor() != null ? cause.actor() : caller.name().orElse(null);
        return append(EnvelopeCodec.wrap(event, source(), cause.correlationId(), cause.eventId(), actor));
    }

    /**
     * Records several events that each start a conversation, as {@link #emit(RelopsEvent)} would one by one, with
     * one statement: for a batch written while a lock is held, where every round trip counts.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CloudEvent> emitAll(List<? extends RelopsEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        String actor = caller.name().orElse(null);
        List<CloudEvent> envelopes = events.stream()
                .map(event -> EnvelopeCodec.wrap(event, source(), null, null, actor))
                .toList();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
            insert.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setArray(2, connection.createArrayOf("varchar", envelopes.stream().map(CloudEvent::id).toArray()));
            insert.setArray(3, connection.createArrayOf("varchar",
                    envelopes.stream().map(CloudEvent::type).toArray()));
            insert.setArray(4, connection.createArrayOf("text", envelopes.stream()
                    .map(envelope -> new String(EnvelopeCodec.encode(envelope), StandardCharsets.UTF_8)).toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record " + events.size() + " events: " + e.getMessage(), e);
        }
        transactions.registerInterposedSynchronization(new WakeRelayOnCommit());
        return envelopes;
    }

    private CloudEvent append(CloudEvent envelope) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = envelope.id();
        row.type = envelope.type();
        row.envelope = new String(EnvelopeCodec.encode(envelope), StandardCharsets.UTF_8);
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        row.persist();
        transactions.registerInterposedSynchronization(new WakeRelayOnCommit());
        return envelope;
    }

    private String source() {
        return "/relops/" + config.serviceName();
    }

    private final class WakeRelayOnCommit implements Synchronization {

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wake();
            }
        }
    }
}
