package org.relops.imaging.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.imaging.Machine;
import org.relops.imaging.MachineState;
import org.relops.imaging.OperationKind;
import org.relops.imaging.OperationState;
import org.relops.imaging.ProvisioningOperation;
import org.relops.imaging.provider.Providers;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineFailed;
import org.relops.model.event.MachineRefreshed;
import org.relops.support.consume.EventContext;
import org.relops.support.outbox.EventOutbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records how a provisioning operation ended, on the operation and its machine, and emits the event
 * that tells the others: {@code machine.booted} or {@code machine.failed}, caused by the event that
 * started the operation.
 */
@ApplicationScoped
public class MachineOutcomes {

    /** The role whose machines are buildbot slaves: they fetch a buildbot.tac and get a master. */
    public static final String BUILDBOT_SLAVE_ROLE = "buildbot-slave";

    private static final Logger LOG = Logger.getLogger(MachineOutcomes.class);

    /** The boot-duration histogram's buckets: a netboot VM boots in seconds, real images under TCG in minutes. */
    static final Duration[] BOOT_BUCKETS = { Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
        Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30) };

    @Inject
    EventOutbox outbox;

    @Inject
    MeterRegistry metrics;

    @Inject
    Providers providers;

    @Transactional(Transactional.TxType.MANDATORY)
    public void booted(Machine machine, ProvisioningOperation operation, String address) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        operation.moveTo(OperationState.BOOTED);
        operation.address = address;
        operation.bootedAt = now;
        operation.lastHeartbeatAt = now;
        machine.address = address;
        machine.moveTo(MachineState.BOOTED);
        outbox.emit(new MachineBooted(operation.requestId, machine.hostname, machine.systemName, machine.mac, address,
                operation.imageName, String.valueOf(operation.imageVersion), operation.imageDigest, operation.role,
                BUILDBOT_SLAVE_ROLE.equals(operation.role), machine.appEnvironment, operation.bootId), causeOf(operation));
        if (operation.kind == OperationKind.REFRESH) {
            outbox.emit(new MachineRefreshed(operation.requestId, machine.hostname, machine.systemName,
                    operation.imageName, String.valueOf(operation.imageVersion), operation.imageDigest,
                    ReimagePolicy.RefreshKind.PAVE_OVER.label()));
        }
        metrics.counter("relops.imaging.provisioning", "provider", operation.provider, "outcome", "booted").increment();
        Timer.builder("relops.imaging.boot.duration")
                .description("From the start of a provisioning operation to its machine's phone-home, per provider")
                .tag("provider", operation.provider).serviceLevelObjectives(BOOT_BUCKETS).register(metrics)
                .record(Duration.between(operation.createdAt, now));
        LOG.infof("%s booted %s at %s", machine.hostname, operation.imageLabel(), address);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void failed(Machine machine, ProvisioningOperation operation, String reason) {
        operation.finish(OperationState.FAILED, reason);
        machine.moveTo(MachineState.FAILED);
        // launchedAt is set only once the provider started the machine: a launch that failed never put the image on
        // it; nor did one whose machine never asked for its boot script (a host that does not network-boot)
        boolean imageStarted = operation.launchedAt != null && (operation.scriptServedAt != null
                || providers.find(operation.provider).map(provider -> !provider.netbootsOnSegment()).orElse(true));
        outbox.emit(new MachineFailed(operation.requestId, machine.hostname, machine.systemName, reason,
                imageStarted),
                causeOf(operation));
        metrics.counter("relops.imaging.provisioning", "provider", operation.provider, "outcome", "failed").increment();
        if (imageStarted) {
            // the failures that count against the image version (not a BMC that refused, not a host that never
            // network-booted): what the suspect-version alert and an operator look at
            metrics.counter("relops.imaging.boot.failures", "image", operation.imageName, "version",
                    String.valueOf(operation.imageVersion), "provider", operation.provider).increment();
        }
        LOG.warnf("%s failed (%s): %s", machine.hostname, operation.imageLabel(), firstLine(reason));
    }

    /** The context of the event that started an operation, so what it causes keeps the request's correlation. */
    static EventContext causeOf(ProvisioningOperation operation) {
        return EventContext.of(operation.causeEventId, operation.correlationId, operation.actor);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " ...";
    }
}
