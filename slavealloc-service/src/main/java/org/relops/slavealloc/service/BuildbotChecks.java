package org.relops.slavealloc.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;
import org.relops.model.event.MasterEnabled;
import org.relops.model.event.SlaveConnected;
import org.relops.slavealloc.Master;
import org.relops.slavealloc.Pool;
import org.relops.slavealloc.Slave;
import org.relops.slavealloc.config.SlaveallocConfig;
import org.relops.support.outbox.EventOutbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Asks the masters, never assumes: a relops master is enabled (and {@code master.enabled} sent) only once its
 * REST API answers at its machine's address with an active master; a slave's worker counts as connected
 * ({@code slave.connected}) only once its master shows it connected with this boot's id. Pending checks live
 * in the database, so a restart goes on with them; each is claimed with {@code FOR UPDATE SKIP LOCKED} and its
 * next ask pushed back before the master is asked, so several replicas never ask twice or announce twice.
 * Masters are asked outside any transaction.
 */
@ApplicationScoped
public class BuildbotChecks {

    private static final Logger LOG = Logger.getLogger(BuildbotChecks.class);
    /** Hibernate's lock timeout that means SKIP LOCKED. */
    private static final int SKIP_LOCKED = -2;

    @Inject
    SlaveallocConfig config;

    @Inject
    BuildbotApi buildbot;

    @Inject
    EventOutbox outbox;

    @Scheduled(every = "${relops.slavealloc.buildbot.check-interval:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        for (MasterCheck check : QuarkusTransaction.requiringNew().call(this::claimMasters)) {
            boolean answered = buildbot.masterActive(check.webUrl());
            QuarkusTransaction.requiringNew().run(() -> masterAnswered(check, answered));
        }
        for (ConnectionCheck check : QuarkusTransaction.requiringNew().call(this::claimConnections)) {
            boolean connected = check.webUrl() != null
                    && buildbot.workerConnected(check.webUrl(), check.slave(), check.bootId());
            QuarkusTransaction.requiringNew().run(() -> connectionSeen(check, connected));
        }
    }

    private List<MasterCheck> claimMasters() {
        OffsetDateTime now = now();
        List<MasterCheck> claimed = new ArrayList<>();
        for (Master master : Master.<Master>find("checkDueAt <= ?1", now).withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", SKIP_LOCKED).<Master>list()) {
            master.checkAttempts++;
            master.checkDueAt = now.plus(backoff(master.checkAttempts));
            claimed.add(new MasterCheck(master.id, master.checkAttempts, master.webUrl()));
        }
        return claimed;
    }

    private void masterAnswered(MasterCheck check, boolean answered) {
        Master master = Master.findById(check.masterId(), LockModeType.PESSIMISTIC_WRITE);
        // Registered again (a new boot) since the claim: that boot's own check decides.
        if (master == null || master.checkDueAt == null || master.checkAttempts != check.attempt()) {
            return;
        }
        if (answered) {
            master.enabled = true;
            master.checkDueAt = null;
            String pool = Pool.<Pool>findById(master.poolId).name;
            outbox.emit(new MasterEnabled(master.requestId, master.nickname, pool, master.address, master.webUrl()));
            LOG.infof("master %s answers at %s: enabled in pool %s", master.nickname, master.webUrl(), pool);
        } else if (now().isAfter(master.checkDeadline)) {
            master.checkDueAt = null;
            LOG.warnf("master %s did not answer at %s within %s; it stays disabled", master.nickname,
                    master.webUrl(), config.buildbot().checkDeadline());
        }
    }

    private List<ConnectionCheck> claimConnections() {
        OffsetDateTime now = now();
        List<ConnectionCheck> claimed = new ArrayList<>();
        for (Slave slave : Slave.<Slave>find("connectCheckDueAt <= ?1", now).withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", SKIP_LOCKED).<Slave>list()) {
            slave.connectCheckAttempts++;
            slave.connectCheckDueAt = now.plus(backoff(slave.connectCheckAttempts));
            Master master = slave.currentMasterId == null ? null : Master.findById(slave.currentMasterId);
            claimed.add(new ConnectionCheck(slave.id, slave.name, slave.bootId, slave.connectCheckAttempts,
                    master == null ? null : master.nickname, master == null ? null : master.webUrl()));
        }
        return claimed;
    }

    private void connectionSeen(ConnectionCheck check, boolean connected) {
        Slave slave = Slave.findById(check.slaveId(), LockModeType.PESSIMISTIC_WRITE);
        if (slave == null || slave.connectCheckDueAt == null || slave.connectCheckAttempts != check.attempt()
                || !java.util.Objects.equals(slave.bootId, check.bootId())) {
            return;
        }
        if (connected) {
            slave.connectedBootId = check.bootId();
            slave.connectCheckDueAt = null;
            outbox.emit(new SlaveConnected(slave.requestId, slave.name, check.master(), check.bootId()));
            LOG.infof("slave %s: its worker is connected to %s (boot %s)", slave.name, check.master(), check.bootId());
        } else if (now().isAfter(slave.connectCheckDeadline)) {
            slave.connectCheckDueAt = null;
            LOG.warnf("slave %s: its worker did not connect to %s within %s", slave.name,
                    check.master() == null ? "a master" : check.master(), config.buildbot().checkDeadline());
        }
    }

    /** The wait after an ask: the check interval doubled per attempt, up to the cap. */
    private Duration backoff(int attempts) {
        Duration wait = config.buildbot().checkInterval().multipliedBy(1L << Math.min(attempts - 1, 10));
        return wait.compareTo(config.buildbot().checkBackoffCap()) > 0 ? config.buildbot().checkBackoffCap() : wait;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private record MasterCheck(Integer masterId, int attempt, String webUrl) {
    }

    private record ConnectionCheck(Integer slaveId, String slave, String bootId, int attempt, String master,
            String webUrl) {
    }
}
