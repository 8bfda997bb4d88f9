package org.relops.imaging.messaging;

import java.util.Map;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;


import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.imaging.TestNetwork;
import org.relops.imaging.OnTheBus;
import org.relops.imaging.provider.SimulatedProvider;
import org.relops.model.envelope.CloudEvent;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineDestroyed;
import org.relops.model.event.MachineFailed;
import org.relops.model.event.MachineProvisioning;
import org.relops.model.envelope.EnvelopeCodec;
import org.relops.model.value.Location;

import org.relops.testing.MetricSamples;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MachineLifecycleEventsTest extends OnTheBus {

    static final String IMAGE = SEED_IMAGE;
    static final Location RACK = new Location("mdc1", "r1", "rack1");


    @Inject
    SimulatedProvider simulated;

    static String hostname() {
        return uniqueHostname("t-linux64");
    }

    static HostReserved reserved(String hostname, String provider, String image, String version) {
        return new HostReserved("req-" + hostname, hostname, "vm-" + hostname, provider,
                TestNetwork.attachment("52:54:00:aa:bb:01"), Map.of(),
                RACK,
                image, version, "production");
    }


    @Test
    void shouldBootAReservedHostAndSayWhereItIs() {
        awaitSeedBuilt();
        String host = hostname();
        bus.publish(reserved(host, SimulatedProvider.KIND, IMAGE, null));

        MachineProvisioning provisioning = bus.awaitEvent(MachineProvisioning.class, e -> e.hostname().equals(host));
        MachineBooted booted = bus.awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));
        assertThat(provisioning.imageVersion(), equalTo("1"));
        assertThat(booted.address(), equalTo(TestNetwork.attachment("52:54:00:aa:bb:01").address()));
        assertThat(booted.imageDigest(), equalTo(provisioning.imageDigest()));
        assertThat(booted.imageDigest(), startsWith("sha256:"));
        assertThat(booted.buildbotSlave(), is(true));
        assertThat(booted.role(), equalTo("buildbot-slave"));
        assertThat(booted.requestId(), equalTo("req-" + host));
        assertThat(simulated.isRunning(host), is(true));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat("boot durations are a histogram per provider", MetricSamples.of(metrics,
                line -> line.startsWith("relops_imaging_boot_duration_seconds_bucket{") && line.contains("le=\"+Inf\"")
                        && line.contains("provider=\"simulated\"")).sum(), greaterThanOrEqualTo(1.0));
        given().get("/v1/machines/" + host).then().statusCode(200).body("state", equalTo("booted"))
                .body("address", equalTo(booted.address())).body("operations[0].state", equalTo("booted"));
    }

    @Test
    void shouldKeepTheRequestsCorrelationOnWhatItEmits() {
        awaitSeedBuilt();
        String host = hostname();
        CloudEvent cause = bus.publish(reserved(host, SimulatedProvider.KIND, IMAGE, "1"));

        CloudEvent booted = bus.awaitEnvelope(MachineBooted.class, e -> e.hostname().equals(host));
        assertThat(booted.correlationid(), equalTo(cause.correlationid()));
        assertThat(booted.causationid(), equalTo(cause.id()));
    }

    @Test
    void shouldProvisionOnceWhenTheSameHostReservedArrivesTwice() {
        awaitSeedBuilt();
        String host = hostname();
        String later = hostname();
        CloudEvent envelope = EnvelopeCodec.wrap(reserved(host, SimulatedProvider.KIND, IMAGE, null), "/relops/test",
                null, null);
        bus.publish(envelope);
        bus.publish(envelope);
        // Consumed after both copies: once it is booted, the second copy has been dealt with too (the boots
        // themselves run beside each other, so the first machine's is awaited as well).
        bus.publish(reserved(later, SimulatedProvider.KIND, IMAGE, null));
        bus.awaitEvent(MachineBooted.class, e -> e.hostname().equals(later));
        bus.awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));

        assertThat(bus.events(MachineProvisioning.class, e -> e.hostname().equals(host)), hasSize(1));
        assertThat(bus.events(MachineBooted.class, e -> e.hostname().equals(host)), hasSize(1));
        given().get("/v1/machines/" + host).then().statusCode(200).body("operations", hasSize(1));
    }

    @Test
    void shouldDestroyADecommissionedMachineAndItsDomain() {
        awaitSeedBuilt();
        String host = hostname();
        bus.publish(reserved(host, SimulatedProvider.KIND, IMAGE, null));
        MachineBooted booted = bus.awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));

        bus.publish(new DecommissionRequested(booted.requestId(), host, null, true));

        MachineDestroyed destroyed = bus.awaitEvent(MachineDestroyed.class, e -> e.hostname().equals(host));
        assertThat(destroyed.systemName(), equalTo("vm-" + host));
        assertThat(destroyed.volumesWiped(), is(true));
        assertThat(simulated.isRunning(host), is(false));
        given().get("/v1/machines/" + host).then().statusCode(200).body("state", equalTo("destroyed"))
                .body("operations[0].state", equalTo("cancelled"));
    }

    @Test
    void shouldConfirmTheDestructionOfAMachineItNeverKnew() {
        String host = hostname();
        bus.publish(new DecommissionRequested("req-" + host, host, "vm-unknown", false));

        MachineDestroyed destroyed = bus.awaitEvent(MachineDestroyed.class, e -> e.hostname().equals(host));
        assertThat(destroyed.systemName(), equalTo("vm-unknown"));
        assertThat(destroyed.requestId(), equalTo("req-" + host));
    }

    @Test
    void shouldFailAHostReservedForAnImageThatDoesNotExist() {
        String host = hostname();
        bus.publish(reserved(host, SimulatedProvider.KIND, "no-such-image", null));

        MachineFailed failed = bus.awaitEvent(MachineFailed.class, e -> e.hostname().equals(host));
        assertThat(failed.reason(), containsString("no-such-image"));
        assertThat(failed.reason(), containsString("no built version"));
    }

    @Test
    void shouldFailAHostReservedForAProviderItDoesNotHave() {
        String host = hostname();
        bus.publish(reserved(host, "ec2", IMAGE, null));

        MachineFailed failed = bus.awaitEvent(MachineFailed.class, e -> e.hostname().equals(host));
        assertThat(failed.reason(), containsString("no provider 'ec2'"));
    }
}
