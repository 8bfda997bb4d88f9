package org.relops.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.relops.deploy.BuildbotMaster;
import org.relops.testing.OperatorKey;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The real images, really doing builds: relops provisions a {@code releng-buildmaster} (Debian's buildbot
 * 3.7 master, its basedir on the persistent volume, its workers from slavealloc-service) and two
 * {@code releng-talos-linux64} slaves side by side, one of the newest version (gcc 12) and one of version 1
 * (the older toolchain, gcc 11, with the same modern buildbot-worker). Each comes out READY only once it does
 * its role; then a build forced on each slave's builder through the master's REST API runs on that slave with
 * its image's compiler. A rebooted slave comes back with a fresh root and its persistent volume, and builds
 * again on its new connection. (A reboot is a power cycle: what the volume keeps is what was synced to it.)
 * A new version of the master's image with the same base is applied to the running master by its periodic
 * refresh: {@code puppet apply} of the new role in place, no reboot.
 */
@Tag("vm")
class BuildbotEndToEndTest {

    private static final Duration BOOT = Duration.ofMinutes(15);
    private static final Duration BUILD = Duration.ofMinutes(5);
    private static final String BUILD_SYSTEMS = "qemu-build";
    /** A puppet apply in a TCG guest on a loaded host: minutes. */
    private static final Duration REFRESH = Duration.ofMinutes(12);

    private static final String REFRESHED_FILE = "/etc/relops/refreshed-role";
    private static final String REFRESHED_FILE_RESOURCE = "file { '" + REFRESHED_FILE + "':\n"
            + "  content => \"an edited role, applied by an incremental refresh\\n\",\n}\n";

    private static RelopsStack stack;

    @BeforeAll
    static void startStack() {
        stack = RelopsStack.shared();
    }

    @Test
    void shouldProvisionAMasterAndSlavesOfTwoToolchainsThatBuildAndSurviveAReboot() throws Exception {
        JsonPath masterRequest = awaitState(submit("releng-buildmaster", 1), "fulfilled", BOOT);
        Map<String, Object> master = masterRequest.getMap("machines[0]");
        String masterName = (String) master.get("hostname");
        String masterAddress = (String) master.get("address");
        assertEquals("buildbot-master", master.get("role"));
        assertEquals("http://" + masterAddress + ":8010/", master.get("webUrl"));
        given().get("http://" + masterAddress + ":8010/api/v2/masters").then().statusCode(200);
        String masterBoot = bootIdOf(masterName);

        String newest = submit("releng-talos-linux64", 1);
        String older = submit("releng-talos-linux64:1", 1);
        Map<String, Object> newestSlave = awaitState(newest, "fulfilled", BOOT).getMap("machines[0]");
        Map<String, Object> olderSlave = awaitState(older, "fulfilled", BOOT).getMap("machines[0]");
        assertEquals(1, olderSlave.get("imageVersion"));
        assertNotEquals(1, newestSlave.get("imageVersion"));

        BuildbotMaster buildbot = new BuildbotMaster("http://" + masterAddress + ":8010");
        for (Map<String, Object> slave : List.of(newestSlave, olderSlave)) {
            String hostname = (String) slave.get("hostname");
            assertEquals("buildbot-slave", slave.get("role"));
            assertEquals(masterName, slave.get("master"), hostname + " is allocated to the master relops booted");
            assertTrue(buildbot.connected(hostname), hostname + " is connected to its master");
            assertTrue(buildbot.workerHost(hostname).orElse("").contains(bootIdOf(hostname)),
                    "the master's connection of " + hostname + " is from its current boot");
        }

        String newestCompiler = buildOn(buildbot, (String) newestSlave.get("hostname"));
        String olderCompiler = buildOn(buildbot, (String) olderSlave.get("hostname"));
        assertTrue(newestCompiler.contains("gcc (Debian 12."), newestCompiler);
        assertTrue(olderCompiler.contains("gcc (Debian 11."), olderCompiler);

        // A new version of the master image whose role manages one more file: same base, so the master's periodic
        // refresh re-applies the role in place once the version is built (built now: not to slow the first boots).
        Files.writeString(stack.images().resolve("roles/buildbot-master/role.pp"), REFRESHED_FILE_RESOURCE,
                StandardOpenOption.APPEND);
        int masterVersion = given().contentType(ContentType.JSON)
                .body("{\"role\":\"buildbot-master\",\"base\":\"bookworm-master\"}")
                .post(stack.url("imaging-service") + "/v1/images/releng-buildmaster/versions").then().statusCode(201)
                .extract().path("version");

        assertARebootedSlaveKeepsItsVolumeOnlyAndBuildsAgain(buildbot, newest, (String) newestSlave.get("hostname"));
        assertMastersBasedirIsOnItsVolume(masterName, masterAddress);
        assertTheMasterIsRefreshedInPlace(masterName, masterAddress, masterBoot, masterVersion, buildbot,
                (String) olderSlave.get("hostname"));

        for (String id : List.of(newest, older, masterRequest.getString("id"))) {
            given().delete(stack.url("request-service") + "/v1/requests/" + id + "?wipe=true").then().statusCode(202);
        }
        for (String id : List.of(newest, older, masterRequest.getString("id"))) {
            awaitState(id, "decommissioned", Duration.ofMinutes(3));
        }
    }

    /** Forces a build on the slave's builder and returns its toolchain step's output; fails unless it succeeded there. */
    private static String buildOn(BuildbotMaster buildbot, String slave) throws Exception {
        long buildset = buildbot.force(slave, "end-to-end test");
        BuildbotMaster.Build build = buildbot.awaitBuild(buildset, BUILD)
                .orElseThrow(() -> new AssertionError("the build forced on " + slave + " did not finish within " + BUILD));
        assertEquals(slave, build.worker(), "the build ran on " + slave);
        assertTrue(build.succeeded(), "the build on " + slave + " ended " + build.state());
        return buildbot.stepOutput(build, "toolchain");
    }

    /**
     * A file written to the root is gone after a reboot, a file on the persistent volume (/builds) is there; the
     * slave is READY again only once its master shows a connection of the new boot, and builds on it.
     */
    private static void assertARebootedSlaveKeepsItsVolumeOnlyAndBuildsAgain(BuildbotMaster buildbot, String requestId,
            String hostname) throws Exception {
        String address = given().get(stack.url("request-service") + "/v1/machines/" + hostname).then()
                .extract().path("address");
        String before = bootIdOf(hostname);
        OperatorKey.Result marked = ssh(hostname, address, "echo root > /root/relops-marker && echo volume > /builds/relops-marker && sync");
        assertEquals(0, marked.exitStatus(), marked.output());

        given().post(stack.url("imaging-service") + "/v1/machines/" + hostname + "/reboot").then().statusCode(202);
        await("a new boot of " + hostname).atMost(BOOT).pollInterval(Duration.ofSeconds(2))
                .until(() -> !bootIdOf(hostname).isEmpty() && !before.equals(bootIdOf(hostname)));
        await(hostname + " READY again").atMost(BOOT).pollInterval(Duration.ofSeconds(2))
                .until(() -> "ready".equals(given().get(stack.url("request-service") + "/v1/machines/" + hostname)
                        .then().extract().path("state")));
        assertEquals("fulfilled", given().get(stack.url("request-service") + "/v1/requests/" + requestId).then()
                .extract().path("state"));
        String after = bootIdOf(hostname);
        assertTrue(buildbot.workerHost(hostname).orElse("").contains(after),
                "READY again only on a connection of the new boot " + after);

        OperatorKey.Result files = ssh(hostname, address,
                "ls /root/relops-marker 2>&1; cat /builds/relops-marker; findmnt -n -o FSTYPE /");
        assertTrue(files.output().contains("No such file"), "the root was rebuilt: " + files.output());
        assertTrue(files.output().contains("volume"), "the persistent volume was kept: " + files.output());
        assertTrue(files.output().contains("overlay"), "the root is an overlay: " + files.output());
        buildOn(buildbot, hostname);
    }

    /**
     * The master's periodic refresh to the new version (same base) applies its role on the running system: the
     * file the edited role manages appears, the master keeps its boot and runs the new version, and still builds.
     */
    private static void assertTheMasterIsRefreshedInPlace(String hostname, String address, String bootBefore,
            int version, BuildbotMaster buildbot, String slave) throws Exception {
        await(hostname + " running version " + version).atMost(REFRESH).pollInterval(Duration.ofSeconds(5))
                .until(() -> Integer.valueOf(version).equals(given().get(stack.url("imaging-service")
                        + "/v1/machines/" + hostname).then().extract().path("operations[-1].imageVersion")));
        OperatorKey.Result file = ssh(hostname, address, "cat " + REFRESHED_FILE);
        assertTrue(file.output().contains("edited role"), "the new role was applied: " + file.output());
        assertEquals(bootBefore, bootIdOf(hostname), "refreshed without a reboot");
        given().get(stack.url("imaging-service") + "/v1/machines/" + hostname).then()
                .body("operations.size()", org.hamcrest.Matchers.equalTo(1));
        buildOn(buildbot, slave);
    }

    private static void assertMastersBasedirIsOnItsVolume(String hostname, String address) {
        assertEquals(hostname, ssh(hostname, address, "hostname").output().strip(), "the machine has its name");
        OperatorKey.Result basedir = ssh(hostname, address,
                "findmnt -n -o TARGET --target /srv/buildbot/master/state.sqlite");
        assertEquals(0, basedir.exitStatus(), basedir.output());
        assertEquals("/srv/buildbot", basedir.output().strip(), "the master's database lives on its volume");
    }

    private static OperatorKey.Result ssh(String hostname, String address, String command) {
        return stack.operatorKey().ssh(address, knownHosts(hostname), false, command);
    }

    private static Path knownHosts(String hostname) {
        return stack.root().resolve("e2e-tests/target/ssh/known_hosts-" + hostname);
    }

    private static String bootIdOf(String hostname) {
        String bootId = given().get(stack.url("imaging-service") + "/v1/machines/" + hostname).then().statusCode(200)
                .extract().path("operations[-1].bootId");
        return bootId == null ? "" : bootId;
    }

    private static String submit(String image, int count) {
        return stack.submit(image, count, BUILD_SYSTEMS);
    }

    private static JsonPath awaitState(String id, String state, Duration atMost) {
        return stack.awaitRequest(id, state, atMost);
    }
}
