package org.relops.slavealloc.service;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.slavealloc.service.TacCache.CachedTac;
import org.relops.slavealloc.service.TacOutcome.NoAllocation;
import org.relops.slavealloc.service.TacOutcome.Served;

import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Answers {@code GET /gettac/{slave}}, cheapest first: a cached tac whose generation is still current
 * (checked with the database for every request, see {@link TacGenerations}), then the known slave's
 * one-statement read ({@link KnownSlaveTacs}), then a batched allocation with the other slaves of its silo
 * ({@link SiloAllocationQueue}), and for anything else (disabled, locked, no password, no enabled master)
 * the allocating path of old ({@link TacService}). The access
 * check runs for every request, on the cached address and token as on fresh ones. Called on an event
 * loop: nothing here blocks it; the database reads run on worker threads.
 */
@ApplicationScoped
public class TacAnswers {

    @Inject
    TacCache cache;

    @Inject
    TacGenerations generations;

    @Inject
    TacAccess access;

    @Inject
    KnownSlaveTacs knownSlaves;

    @Inject
    SlaveTacQuery query;

    @Inject
    SiloAllocationQueue allocations;

    @Inject
    TacService tacs;

    /** The outcome for this request; {@code resume} runs the cheap rest of a cache hit (the caller's event loop). */
    public CompletionStage<TacOutcome> answer(String name, Requester requester, Executor resume) {
        Optional<CachedTac> cached = cache.find(name);
        // a slave without a recorded address may be checked through DNS, which blocks
        if (cached.isEmpty() || access.mayResolve(cached.get().address())) {
            return fetch(name, requester);
        }
        CachedTac tac = cached.get();
        return generations.readAfterNow(tac.generation().siloScope())
                .handleAsync((current, failure) -> failure == null && tac.isCurrent(current), resume)
                .thenCompose(current -> current ? CompletableFuture.completedFuture(fromCache(tac, requester))
                        : fetch(name, requester));
    }

    private TacOutcome fromCache(CachedTac tac, Requester requester) {
        return access.permits(tac.slave(), tac.address(), tac.tacTokenHash(), requester) ? new Served(tac.tac())
                : KnownSlaveTacs.refusal(tac.slave());
    }

    private CompletionStage<TacOutcome> fetch(String name, Requester requester) {
        return CompletableFuture.supplyAsync(() -> fetchBlocking(name, requester),
                Infrastructure.getDefaultWorkerPool());
    }

    private TacOutcome fetchBlocking(String name, Requester requester) {
        Optional<SlaveTacRow> row = query.find(name);
        if (row.isEmpty()) {
            cache.forget(name);
            return new NoAllocation("unknown slave");
        }
        Optional<TacOutcome> known = knownSlaves.answer(row.get(), requester);
        if (known.isPresent()) {
            if (known.get() instanceof Served served) {
                cache.remember(row.get(), served.tac());
            }
            return known.get();
        }
        cache.forget(name);
        SlaveTacRow slave = row.get();
        // Access is granted (or answer() would have refused); a slave that is enabled, has a password and is
        // not locked only needs a master: allocated with the other slaves of its silo arriving meanwhile.
        if (slave.enabled() && slave.passwordEnc() != null && slave.lockedMasterId() == null) {
            Optional<SlaveTacRow.Candidate> placed = allocations.place(slave);
            if (placed.isPresent()) {
                return knownSlaves.served(slave, placed.get());
            }
        }
        return tacs.fetch(name, requester);
    }
}
