package org.relops.slavealloc.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.slavealloc.service.SlaveTacRow.Candidate;

/**
 * Gathers this replica's concurrent allocations of one silo into batches for {@link SiloBatchAllocator}:
 * allocations of a silo run one at a time anyway (its advisory lock), so the slaves that arrive while one
 * batch holds the lock are allocated together by the next, which costs one lock, a few statements and one
 * commit instead of that many each. The first slave to arrive allocates its batch on its own thread, then
 * hands the next batch to the first slave waiting; no thread is added.
 */
@ApplicationScoped
public class SiloAllocationQueue {

    private static final Logger LOG = Logger.getLogger(SiloAllocationQueue.class);
    /** Enough to empty a herd's queue in a few rounds, few enough to keep each transaction short. */
    private static final int MAX_BATCH = 64;

    @Inject
    SiloBatchAllocator allocator;

    private final Map<String, Line> lines = new ConcurrentHashMap<>();

    /** The master the slave is now attached to; empty if it must be allocated on its own (it changed, or failed). */
    public Optional<Candidate> place(SlaveTacRow slave) {
        Line line = lines.computeIfAbsent(slave.poolId() + "/" + slave.generation().siloScope(), key -> new Line());
        Waiting waiting = new Waiting(slave);
        boolean leads;
        synchronized (line) {
            line.waiting.add(waiting);
            leads = !line.busy;
            line.busy = true;
        }
        if (leads || CompletableFuture.anyOf(waiting.placed, waiting.lead).join() == Boolean.TRUE
                && !waiting.placed.isDone()) {
            allocateNextBatch(line, slave);
        }
        return waiting.placed.join();
    }

    private void allocateNextBatch(Line line, SlaveTacRow leader) {
        List<Waiting> batch;
        synchronized (line) {
            int size = Math.min(MAX_BATCH, line.waiting.size());
            batch = new ArrayList<>(line.waiting.subList(0, size));
            line.waiting.subList(0, size).clear();
        }
        try {
            Map<Integer, Candidate> placed = allocator.allocate(leader.poolId(), leader.silo(),
                    batch.stream().map(Waiting::slave).toList());
            batch.forEach(waiting -> waiting.placed.complete(Optional.ofNullable(placed.get(waiting.slave.slaveId()))));
        } catch (RuntimeException e) {
            LOG.warnf("a batch of %d allocations failed (%s); each is tried on its own", batch.size(), e.getMessage());
            batch.forEach(waiting -> waiting.placed.complete(Optional.empty()));
        } finally {
            synchronized (line) {
                if (line.waiting.isEmpty()) {
                    line.busy = false;
                } else {
                    line.waiting.get(0).lead.complete(Boolean.TRUE);
                }
            }
        }
    }

    /** One silo's queue: the slaves waiting, and whether a batch is being allocated. */
    private static final class Line {
        final List<Waiting> waiting = new ArrayList<>();
        boolean busy;
    }

    /** A slave waiting: for its master, or for its turn to allocate the next batch. */
    private record Waiting(SlaveTacRow slave, CompletableFuture<Optional<Candidate>> placed,
            CompletableFuture<Boolean> lead) {

        Waiting(SlaveTacRow slave) {
            this(slave, new CompletableFuture<>(), new CompletableFuture<>());
        }
    }
}
