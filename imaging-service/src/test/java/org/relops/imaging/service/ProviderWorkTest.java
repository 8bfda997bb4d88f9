package org.relops.imaging.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.imaging.Machine;
import org.relops.imaging.OnTheBus;
import org.relops.imaging.ProvisioningOperation;
import org.relops.imaging.TestNetwork;
import org.relops.imaging.provider.ProviderMachine;
import org.relops.imaging.provider.SimulatedProvider;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineDestroyed;
import org.relops.model.value.Location;
import org.relops.support.consume.EventContext;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Provider calls run outside database transactions, start then observe: a slow launch holds no row lock,
 * a decommission during a launch waits for it and then destroys, and machine.destroyed comes only once the
 * provider really destroyed the machine (a failed destroy is retried); a launch that runs long keeps its claim,
 * and one whose claim nobody renews any more (its process died) is taken up again; the launches one transaction
 * commits are claimed in shares, each launched once. On simulated machines, whose
 * provider identity says how slow and how unreliable their backend is.
 */
@QuarkusTest
class ProviderWorkTest extends OnTheBus {

    private static final Duration SLOW = Duration.ofSeconds(20);

    @Inject
    SimulatedProvider simulated;

    @Inject
    ProvisioningService provisioning;

    private static String reserve(Map<String, String> backend) {
        awaitSeedBuilt();
        String host = uniqueHostname("t-work");
        bus.publish(reservation(host, backend));
        return host;
    }

    private static HostReserved reservation(String host, Map<String, String> backend) {
        return new HostReserved("req-" + host, host, "vm-" + host, SimulatedProvider.KIND, TestNetwork.simulated(),
                backend, new Location("mdc1", "r1", "rack1"), SEED_IMAGE, null, "production");
    }

    private static String operationState(String host) {
        return given().get("/v1/machines/" + host).then().extract().path("operations[-1].state");
    }

    @Test
    void shouldHoldNoRowLockWhileItsProviderLaunches() {
        String host = reserve(Map.of(SimulatedProvider.LAUNCH_DELAY, "4s"));

        await().atMost(SLOW).until(() -> "launching".equals(operationState(host)));
        boolean lockable = QuarkusTransaction.requiringNew().call(() -> Machine.lockIfFree(host).isPresent());

        assertThat("the machine's row is free while its provider works", lockable, is(true));
        bus.awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));
        assertThat(operationState(host), equalTo("booted"));
    }

    @Test
    void shouldRenewTheClaimOfALaunchThatRunsLongerThanTheLaunchDeadline() {
        // the test profile's launch-deadline is 5 s: a 9 s launch outlives it, but runs here and says so
        String host = reserve(Map.of(SimulatedProvider.LAUNCH_DELAY, "9s"));
        await().atMost(SLOW).until(() -> "launching".equals(operationState(host)));

        await().atMost(SLOW).until(() -> claimRenewedFor(host).toSeconds() >= 5);
        assertThat("still launching, not taken up again", operationState(host), equalTo("launching"));
        bus.awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));
        assertThat(bus.events(MachineBooted.class, e -> e.hostname().equals(host)).size(), equalTo(1));
    }

    @Test
    void shouldTakeUpALaunchWhoseClaimNobodyRenews() {
        String host = reserve(Map.of());
        bus.awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));
        simulated.destroy(new ProviderMachine(host, null, null, Map.of()), false);
        // as a process that died right after claiming the launch leaves it: LAUNCHING, its claim a minute old
        QuarkusTransaction.requiringNew().run(() -> ProvisioningOperation.getEntityManager().createNativeQuery(
                "update provisioning_operation set state = 'LAUNCHING', launch_renewed_at = now() - interval '1 minute'"
                        + " where hostname = ?1").setParameter(1, host).executeUpdate());

        await().atMost(SLOW).until(() -> simulated.isRunning(host) && "booted".equals(operationState(host)));
    }

    @Test
    void shouldClaimTheLaunchesOneTransactionCommitsInSharesAndLaunchEachOnce() {
        awaitSeedBuilt();
        List<String> hosts = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 12; i++) {
                String host = uniqueHostname("t-share");
                hosts.add(host);
                provisioning.provision(reservation(host, Map.of()), EventContext.of("ev-" + host, "req-" + host, null));
            }
        });

        for (String host : hosts) {
            bus.awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));
        }
        for (String host : hosts) {
            assertThat(host + " launched once", bus.events(MachineBooted.class, e -> e.hostname().equals(host)).size(),
                    equalTo(1));
            assertThat(simulated.isRunning(host), is(true));
        }
        // Twelve committed together, four launch threads: four shares of three, each claimed in one transaction.
        Set<OffsetDateTime> claimInstants = QuarkusTransaction.requiringNew().call(() -> ProvisioningOperation
                .<ProvisioningOperation>list("hostname in ?1", hosts).stream().map(op -> op.launchStartedAt)
                .collect(Collectors.toSet()));
        assertThat("twelve launches claimed in " + claimInstants.size() + " transactions", claimInstants.size(),
                equalTo(4));
    }

    private static Duration claimRenewedFor(String host) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ProvisioningOperation op = ProvisioningOperation.<ProvisioningOperation>list("hostname", host).get(0);
            return op.launchRenewedAt == null ? Duration.ZERO : Duration.between(op.launchStartedAt, op.launchRenewedAt);
        });
    }

    @Test
    void shouldDestroyAMachineDecommissionedDuringItsLaunchOnceTheLaunchIsDone() {
        String host = reserve(Map.of(SimulatedProvider.LAUNCH_DELAY, "4s"));
        await().atMost(SLOW).until(() -> "launching".equals(operationState(host)));

        bus.publish(new DecommissionRequested("req-" + host, host, "vm-" + host, false));

        bus.awaitEvent(MachineDestroyed.class, e -> e.hostname().equals(host));
        assertThat(simulated.isRunning(host), is(false));
        assertThat(bus.events(MachineBooted.class, e -> e.hostname().equals(host)).isEmpty(), is(true));
        given().get("/v1/machines/" + host).then().body("state", equalTo("destroyed"))
                .body("operations[-1].state", equalTo("cancelled"));
    }

    @Test
    void shouldConfirmADestructionOnlyOnceItsProviderReallyDestroyedTheMachine() {
        String host = reserve(Map.of(SimulatedProvider.DESTROY_FAILURES, "1"));
        bus.awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));

        bus.publish(new DecommissionRequested("req-" + host, host, "vm-" + host, true));

        await().atMost(SLOW).until(() -> given().get("/v1/machines/" + host).then().extract()
                .<String>path("destroyError") != null);
        given().get("/v1/machines/" + host).then().body("state", equalTo("destroying"))
                .body("destroyError", containsString("simulated failure 1 of 1"));
        assertThat("no machine.destroyed while the machine still exists",
                bus.events(MachineDestroyed.class, e -> e.hostname().equals(host)).isEmpty(), is(true));
        assertThat(simulated.isRunning(host), is(true));

        MachineDestroyed destroyed = bus.awaitEvent(MachineDestroyed.class, e -> e.hostname().equals(host));
        assertThat(destroyed.volumesWiped(), is(true));
        assertThat(simulated.isRunning(host), is(false));
        given().get("/v1/machines/" + host).then().body("state", equalTo("destroyed"))
                .body("destroyAttempts", equalTo(1));
    }
}
