package org.relops.model.event;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The event reference in docs/ names every event type there is. */
class EventReferenceTest {

    @Test
    void shouldDocumentEveryEventType() throws IOException {
        String reference = Files.readString(Path.of("..", "docs", "events.md"));

        List<String> missing = EventCatalog.all().stream()
                .map(EventCatalog::typeOf)
                .filter(type -> !reference.contains("| `" + type + "` |"))
                .toList();

        assertTrue(missing.isEmpty(), "docs/events.md has no row for " + missing);
    }
}
