package org.relops.inventory.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.inventory.InventorySystem;
import org.relops.inventory.Requests;
import org.relops.inventory.SystemState;
import org.relops.inventory.placement.Placement;
import org.relops.model.envelope.CloudEvent;
import org.relops.model.envelope.EnvelopeCodec;
import org.relops.model.event.RequestSubmitted;
import org.relops.support.consume.EventDispatcher;

import com.rabbitmq.client.AMQP;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReservationServiceTest {

    private static final int THREADS = 16;

    @Inject
    ReservationService reservations;

    @Inject
    EventDispatcher dispatcher;

    @Test
    void shouldNeverDoubleBookWhenPlacementsRunOnManyThreadsAtOnce() throws Exception {
        // 24 systems, 16 requests of 2: exactly 12 fit.
        List<RequestSubmitted> requests = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            requests.add(Requests.forPool("threaded", 2));
        }

        List<Placement> outcomes = runAtOnce(requests.stream()
                .map(request -> (Callable<Placement>) () -> reservations.placeRequest(request, null)).toList());

        assertEquals(12, outcomes.stream().filter(Placement.Placed.class::isInstance).count());
        assertEquals(4, outcomes.stream().filter(Placement.Unplaceable.class::isInstance).count());
        Map<String, Long> systemsPerRequest = QuarkusTransaction.requiringNew().call(() -> InventorySystem
                .<InventorySystem>list("hardwareClass", "threaded").stream()
                .filter(system -> system.requestId != null)
                .collect(Collectors.groupingBy(system -> system.requestId, Collectors.counting())));
        assertEquals(12, systemsPerRequest.size());
        assertTrue(systemsPerRequest.values().stream().allMatch(count -> count == 2), systemsPerRequest.toString());
        List<String> placedSystems = outcomes.stream().filter(Placement.Placed.class::isInstance)
                .flatMap(placed -> ((Placement.Placed) placed).systems().stream()).map(c -> c.name()).toList();
        assertEquals(24, new HashSet<>(placedSystems).size(), "a system was placed twice: " + placedSystems);
    }

    @Test
    void shouldPlaceARequestOnceWhenReplicasHandleTheSameDeliveryAtOnce() throws Exception {
        RequestSubmitted request = Requests.forPool("replicas", 2);
        CloudEvent envelope = EnvelopeCodec.wrap(request, "/relops/test", null, null);
        byte[] body = EnvelopeCodec.encode(envelope);

        List<Callable<Boolean>> replicas = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replicas.add(() -> {
                dispatcher.process(body, new AMQP.BasicProperties());
                return true;
            });
        }
        runAtOnce(replicas);

        List<InventorySystem> held = QuarkusTransaction.requiringNew().call(() -> InventorySystem
                .<InventorySystem>list("requestId", request.requestId()));
        assertEquals(2, held.size());
        assertTrue(held.stream().allMatch(system -> system.state == SystemState.RESERVED));
        assertEquals(2L, QuarkusTransaction.requiringNew().call(() -> InventorySystem.count(
                "hardwareClass = ?1 and state = ?2", "replicas", SystemState.FREE)));
    }

    /** Starts every task at the same moment on its own thread and returns their results in order. */
    private static <T> List<T> runAtOnce(List<Callable<T>> tasks) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
