package org.relops.slavealloc.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.slavealloc.config.SlaveallocConfig;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * Imports the configured seed dump at start (the local stack's pools, masters and lookup tables).
 * Import is insert-only, so restarting never undoes what operators changed since.
 */
@ApplicationScoped
public class SeedLoader {

    private static final Logger LOG = Logger.getLogger(SeedLoader.class);
    private static final String CLASSPATH = "classpath:";

    @Inject
    SlaveallocConfig config;

    @Inject
    DumpImporter importer;

    @Inject
    ObjectMapper json;

    void onStart(@Observes StartupEvent start) {
        config.seed().filter(seed -> !seed.isBlank()).ifPresent(this::load);
    }

    private void load(String seed) {
        try (InputStream in = open(seed)) {
            Map<String, Object> dump = json.readValue(in, new TypeReference<>() { });
            ImportReport report = importer.importDump(dump);
            LOG.infof("seed %s: %d rows added", seed, report.inserted());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed " + seed, e);
        }
    }

    private static InputStream open(String seed) throws IOException {
        if (seed.startsWith(CLASSPATH)) {
            String resource = seed.substring(CLASSPATH.length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            return in;
        }
        return Files.newInputStream(Path.of(seed));
    }
}
