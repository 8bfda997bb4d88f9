package org.relops.imaging.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where provider calls for a machine happen: outside any database transaction (a BMC power cycle or a
 * cloud call must never hold a row lock), and one at a time per machine in this process, so that a
 * launch, a stop and a destroy of one machine never overlap. Whoever runs work here re-checks, in a
 * short transaction of its own, that the work is still wanted.
 */
@ApplicationScoped
public class MachineWork {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Runs the work with the machine to itself in this process; waits for work already running on it. */
    public <T> T exclusively(String hostname, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(hostname, name -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public void exclusively(String hostname, Runnable work) {
        exclusively(hostname, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs the work with all the machines to itself in this process. Their locks are taken in hostname order, so two
     * such batches never wait on each other in a cycle; work on one machine holds only that machine's lock.
     */
    public void exclusively(java.util.Collection<String> hostnames, Runnable work) {
        List<ReentrantLock> held = new ArrayList<>();
        try {
            for (String hostname : new TreeSet<>(hostnames)) {
                ReentrantLock lock = locks.computeIfAbsent(hostname, name -> new ReentrantLock());
                lock.lock();
                held.add(lock);
            }
            work.run();
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }

    /** Whether work on the machine runs in this process right now (a launch that is slow, not lost). */
    public boolean isBusy(String hostname) {
        ReentrantLock lock = locks.get(hostname);
        return lock != null && lock.isLocked();
    }
}
