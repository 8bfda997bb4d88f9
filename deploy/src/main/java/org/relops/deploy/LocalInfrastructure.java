package org.relops.deploy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * Runs PostgreSQL and an AMQP 0-9-1 broker for relops on a machine that has neither installed:
 * {@code java -jar relops-local-infra.jar [--state-dir .relops/local] [--postgres-port 15432] [--amqp-port 5673]}.
 * Prints one "ready" line and writes the ready file once both accept connections; stops both on
 * SIGTERM or Ctrl-C.
 */
public final class LocalInfrastructure implements AutoCloseable {

    static final String READY_LINE_PREFIX = "relops local infrastructure ready: ";

    private final LocalInfrastructureConfig config;
    private final FileChannel lockChannel;
    private final LocalPostgres postgres;
    private final LocalBroker broker;
    private final ReadyFile readyFile;

    private LocalInfrastructure(LocalInfrastructureConfig config, FileChannel lockChannel, LocalPostgres postgres,
            LocalBroker broker, ReadyFile readyFile) {
        this.config = config;
        this.lockChannel = lockChannel;
        this.postgres = postgres;
        this.broker = broker;
        this.readyFile = readyFile;
    }

    public static void main(String[] args) throws InterruptedException {
        LocalInfrastructureConfig config;
        try {
            config = LocalInfrastructureConfig.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("relops local infrastructure: " + e.getMessage());
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        LocalInfrastructure infrastructure;
        try {
            infrastructure = start(config);
        } catch (Exception e) {
            System.err.println("relops local infrastructure failed to start: " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                infrastructure.close();
                System.out.println("relops local infrastructure stopped");
            } finally {
                stopped.countDown();
            }
        }, "relops-local-infra-shutdown"));
        System.out.printf("%s%s (started in %.1f s, state in %s)%n", READY_LINE_PREFIX, config.describe(),
                (System.nanoTime() - started) / 1e9, config.directory());
        System.out.flush();
        stopped.await();
    }

    /** Starts PostgreSQL, then the broker, then writes the ready file; undoes what it did if a step fails. */
    public static LocalInfrastructure start(LocalInfrastructureConfig config) throws Exception {
        Files.createDirectories(config.directory());
        ReadyFile readyFile = new ReadyFile(config.readyFile());
        FileChannel lockChannel = lockExclusively(config);
        LocalPostgres postgres = null;
        LocalBroker broker = null;
        try {
            readyFile.delete();
            postgres = LocalPostgres.start(config);
            broker = LocalBroker.start(config);
            readyFile.write(config, ProcessHandle.current().pid());
            return new LocalInfrastructure(config, lockChannel, postgres, broker, readyFile);
        } catch (Exception | Error e) {
            closeQuietly(broker, e);
            closeQuietly(postgres, e);
            closeQuietly(lockChannel, e);
            throw e;
        }
    }

    private static FileChannel lockExclusively(LocalInfrastructureConfig config) throws IOException {
        FileChannel channel = FileChannel.open(config.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another relops local infrastructure already runs from " + config.directory());
        }
        return channel;
    }

    public LocalInfrastructureConfig config() {
        return config;
    }

    /** Removes the ready file, then stops the broker and PostgreSQL. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (!lockChannel.isOpen()) {
            return;
        }
        RuntimeException failure = new RuntimeException("stopping the relops local infrastructure failed");
        try {
            readyFile.delete();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        closeQuietly(broker, failure);
        closeQuietly(postgres, failure);
        closeQuietly(lockChannel, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static void closeQuietly(AutoCloseable resource, Throwable collector) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            collector.addSuppressed(e);
        }
    }
}
