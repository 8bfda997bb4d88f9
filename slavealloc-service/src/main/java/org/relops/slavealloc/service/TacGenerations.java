package org.relops.slavealloc.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/**
 * Reads the current generations of {@code tac_generations} for cached tacs, so that a cached tac is served
 * only if nothing it depends on changed, on any replica, before the request arrived. Every read starts
 * after the requests it answers were made; requests made while a read is under way wait for the next
 * one, which answers them all with one query. One thread reads, so a burst of cache hits costs a few
 * queries rather than one each.
 */
@ApplicationScoped
public class TacGenerations {

    private static final Logger LOG = Logger.getLogger(TacGenerations.class);
    private static final String SQL = "select scope, generation from tac_generations where scope = any(?)";

    @Inject
    AgroalDataSource dataSource;

    private final Object lock = new Object();
    private List<Waiter> waiting = new ArrayList<>();
    private boolean stopped;
    private Thread reader;

    /** Generations as committed when a read that starts after this call began; the global one is always in. */
    public CompletionStage<Map<String, Long>> readAfterNow(String siloScope) {
        CompletableFuture<Map<String, Long>> read = new CompletableFuture<>();
        synchronized (lock) {
            if (stopped) {
                read.completeExceptionally(new IllegalStateException("shutting down"));
                return read;
            }
            if (reader == null) {
                reader = new Thread(this::readWhileAsked, "tac-generations");
                reader.setDaemon(true);
                reader.start();
            }
            waiting.add(new Waiter(siloScope, read));
            lock.notifyAll();
        }
        return read;
    }

    @PreDestroy
    void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
    }

    private void readWhileAsked() {
        while (true) {
            List<Waiter> batch;
            synchronized (lock) {
                while (waiting.isEmpty() && !stopped) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stopped = true;
                    }
                }
                if (stopped) {
                    waiting.forEach(waiter -> waiter.read().completeExceptionally(new IllegalStateException(
                            "shutting down")));
                    return;
                }
                batch = waiting;
                waiting = new ArrayList<>();
            }
            answer(batch);
        }
    }

    private void answer(List<Waiter> batch) {
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add(Generation.GLOBAL_SCOPE);
        batch.forEach(waiter -> scopes.add(waiter.siloScope()));
        try {
            Map<String, Long> current = read(scopes);
            batch.forEach(waiter -> waiter.read().complete(current));
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("cannot read tac generations: %s", e.getMessage());
            batch.forEach(waiter -> waiter.read().completeExceptionally(e));
        }
    }

    private Map<String, Long> read(Set<String> scopes) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            Array array = connection.createArrayOf("varchar", scopes.toArray());
            statement.setArray(1, array);
            Map<String, Long> current = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    current.put(rows.getString(1), rows.getLong(2));
                }
            }
            return current;
        }
    }

    private record Waiter(String siloScope, CompletableFuture<Map<String, Long>> read) {
    }
}
