package org.relops.slavealloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.relops.model.envelope.EnvelopeCodec;
import org.relops.model.event.SlaveAllocated;

import io.agroal.api.AgroalDataSource;

/** What the herd tests check after many slaves were allocated at once: the balance, and the events recorded. */
public final class HerdChecks {

    private HerdChecks() {
    }

    /** Every one of {@code masters} masters holds the mean number of the slaves, within one. */
    public static void assertBalanced(Collection<String> masterOfEachSlave, int masters) {
        Map<String, Integer> perMaster = new HashMap<>();
        masterOfEachSlave.forEach(master -> perMaster.merge(master, 1, Integer::sum));
        assertEquals(masters, perMaster.size(), perMaster.toString());
        int mean = masterOfEachSlave.size() / masters;
        perMaster.forEach((master, count) -> assertTrue(Math.abs(count - mean) <= 1,
                master + " holds " + count + ": " + perMaster));
    }

    /** The {@code slave.allocated} events in the outbox for slaves of this pool, oldest first. */
    public static List<SlaveAllocated> announced(AgroalDataSource dataSource, String pool) throws SQLException {
        List<SlaveAllocated> announced = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement events = connection.prepareStatement(
                        "select envelope from outbox_event where type = 'slave.allocated' order by seq");
                ResultSet rows = events.executeQuery()) {
            while (rows.next()) {
                SlaveAllocated event = EnvelopeCodec.payload(EnvelopeCodec.decode(
                        rows.getString(1).getBytes(StandardCharsets.UTF_8)), SlaveAllocated.class);
                if (event.pool().equals(pool)) {
                    announced.add(event);
                }
            }
        }
        return announced;
    }
}
