package org.relops.support.outbox;

import java.nio.charset.StandardCharsets;
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
