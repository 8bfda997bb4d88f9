package org.relops.support.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.relops.model.envelope.CloudEvent;
import org.relops.model.envelope.EnvelopeCodec;

/**
 * Outbox rows for several envelopes, written by one statement ({@link #SQL}) that the caller sends in its own
 * transaction, possibly together with statements of its own; {@link EventOutbox#rows} makes them.
 */
public record OutboxRows(List<CloudEvent> envelopes, OffsetDateTime createdAt) {

    /** Rows in the order given (unnest keeps it), so {@code seq} orders them as one by one would; 4 parameters. */
    public static final String SQL = """
            insert into outbox_event (event_id, type, envelope, created_at)
            select id, type, envelope, ? from unnest(?::varchar[], ?::varchar[], ?::text[]) as e(id, type, envelope)""";

    static OutboxRows of(List<CloudEvent> envelopes) {
        return new OutboxRows(List.copyOf(envelopes), OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Binds {@link #SQL}'s parameters from {@code first} on; returns the index of the next parameter. */
    public int bind(PreparedStatement statement, int first) throws SQLException {
        Connection connection = statement.getConnection();
        statement.setObject(first, createdAt);
        statement.setArray(first + 1, connection.createArrayOf("varchar", envelopes.stream().map(CloudEvent::id).toArray()));
        statement.setArray(first + 2, connection.createArrayOf("varchar",
                envelopes.stream().map(CloudEvent::type).toArray()));
        statement.setArray(first + 3, connection.createArrayOf("text", envelopes.stream()
                .map(envelope -> new String(EnvelopeCodec.encode(envelope), StandardCharsets.UTF_8)).toArray()));
        return first + 4;
    }
}
