package org.relops.support.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
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
 * only if that transaction commits. A transaction's events are written together as it is about to commit, and the
 * relay is woken right after the commit. Each envelope names its
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

    /** The envelopes the current transaction recorded so far (a transaction's resource). */
    private static final Object PENDING = new Object();

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
     * The rows recording several events that each start a conversation, as {@link #emit(RelopsEvent)} would
     * one by one, for a caller that runs its own JDBC transaction: it writes them with {@link OutboxRows#SQL},
     * sent with its other statements while it holds a lock (where every round trip counts), and calls
     * {@link #committed()} once that transaction committed.
     */
    public OutboxRows rows(List<? extends RelopsEvent> events) {
        String actor = caller.name().orElse(null);
        return OutboxRows.of(events.stream().map(event -> EnvelopeCodec.wrap(event, source(), null, null, actor))
                .toList());
    }

    /** Wakes the relay after a transaction of the caller's own committed {@link #rows} it wrote. */
    public void committed() {
        relay.wake();
    }

    /**
     * Adds the envelope to the rows the current transaction writes just before it commits, all with one statement
     * ({@link OutboxRows}): a transaction that records many events (a consumer's batch) pays one insert, not one each.
     */
    private CloudEvent append(CloudEvent envelope) {
        @SuppressWarnings("unchecked")
        List<CloudEvent> pending = (List<CloudEvent>) transactions.getResource(PENDING);
        if (pending == null) {
            pending = new ArrayList<>();
            transactions.putResource(PENDING, pending);
            transactions.registerInterposedSynchronization(new WriteBeforeCommit(pending));
        }
        pending.add(envelope);
        return envelope;
    }

    private String source() {
        return "/relops/" + config.serviceName();
    }

    /**
     * Writes a transaction's outbox rows as it is about to commit, in the order they were recorded, on the
     * transaction's own connection (a failure rolls the transaction back); wakes the relay once it committed.
     */
    private final class WriteBeforeCommit implements Synchronization {

        private final List<CloudEvent> pending;

        WriteBeforeCommit(List<CloudEvent> pending) {
            this.pending = pending;
        }

        @Override
        public void beforeCompletion() {
            if (pending.isEmpty()) {
                return;
            }
            OutboxRows rows = OutboxRows.of(pending);
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement(OutboxRows.SQL)) {
                rows.bind(insert, 1);
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot record " + pending.size() + " events: " + e.getMessage(), e);
            }
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wake();
            }
        }
    }
}
