package org.relops.imaging.provider.baremetal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relops.imaging.secret.SecretStore.Credentials;
import org.relops.testing.VirtualBaremetal;

/**
 * ipmitool against a real IPMI-over-LAN BMC (the virtual bare metal's pyghmi BMC, started by the project's
 * script): power state, the boot device read back, and each failure told apart (refused credentials at once,
 * an unreachable BMC after its retries). Powering the host on is the end-to-end tests' job: it boots a VM.
 */
class IpmiToolTest {

    private static final String ADDRESS = "127.0.3.11";
    private static final IpmiTool.Settings QUICK = new IpmiTool.Settings("ipmitool", Duration.ofSeconds(10),
            Duration.ofSeconds(6), Duration.ofSeconds(1));

    @TempDir
    static Path work;
    private static VirtualBaremetal baremetal;
    private static Credentials credentials;

    @BeforeAll
    static void startBmc() throws Exception {
        Path inventory = work.resolve("inventory.yaml");
        Files.writeString(inventory, """
                segments:
                  - {name: ipmi-test, cidr: 10.99.9.0/24, gateway: 10.99.9.1, serves: {datacenter: t, racks: [r1]}}
                systems:
                  - name: bm-ipmi-test
                    provider: baremetal
                    nic: {mac: "52:54:00:bb:09:01"}
                    identity: {bmcAddress: %s, secretRef: "vault:bmc/bm-ipmi-test"}
                    location: {datacenter: t, row: r1, rack: r1}
                """.formatted(ADDRESS));
        baremetal = new VirtualBaremetal(inventory, "relops-ipmi-test", work.resolve("secrets"), work.resolve("state"))
                .up();
        String[] secret = Files.readString(work.resolve("secrets/bmc/bm-ipmi-test")).strip().split(":", 2);
        credentials = new Credentials(secret[0], secret[1]);
    }

    @AfterAll
    static void stopBmc() {
        if (baremetal != null) {
            baremetal.down();
        }
    }

    @Test
    void shouldReadThePowerStateAndSetTheBootDeviceToPxeReadingItBack() {
        IpmiTool bmc = new IpmiTool(QUICK, ADDRESS, credentials);

        assertEquals(IpmiTool.Power.OFF, bmc.power());
        bmc.bootFromNetwork();

        assertTrue(Files.exists(baremetal.stateOf("bm-ipmi-test").resolve("bootdev")));
        assertTrue(baremetal.ipmitool(ADDRESS, "bmc/bm-ipmi-test", "chassis", "bootparam", "get", "5")
                .contains("Force PXE"));
    }

    @Test
    void shouldFailAtOnceWithTheReasonWhenTheBmcRefusesTheCredentials() {
        IpmiTool bmc = new IpmiTool(QUICK, ADDRESS, new Credentials(credentials.user(), "not-the-password"));

        BmcException refused = assertThrows(BmcException.class, bmc::power);

        assertEquals(BmcException.Kind.CREDENTIALS, refused.kind());
        assertTrue(refused.getMessage().contains("refused the credentials of user " + credentials.user()),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("attempts"), "refused credentials are not retried");
        assertFalse(refused.getMessage().contains("not-the-password"), "the password is never in a reason");
    }

    @Test
    void shouldRetryABmcThatDoesNotAnswerThenFailWithTheReason() {
        IpmiTool bmc = new IpmiTool(QUICK, "127.0.3.99", credentials);

        BmcException silent = assertThrows(BmcException.class, bmc::power);

        assertEquals(BmcException.Kind.UNREACHABLE, silent.kind());
        assertTrue(silent.getMessage().startsWith("BMC 127.0.3.99 does not answer"), silent.getMessage());
        assertTrue(silent.getMessage().matches(".*\\((\\d+) attempts in 6 s\\)$") , silent.getMessage());
    }
}
