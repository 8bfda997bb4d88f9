package org.relops.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalInfrastructureConfigTest {

    private static final String[] NO_ARGS = {};

    @Test
    void shouldDefaultToTheDemoPortsAndTheStateDirectoryUnderTheWorkingDirectory() {
        LocalInfrastructureConfig config = LocalInfrastructureConfig.from(NO_ARGS, Map.of());

        assertEquals(Path.of(".relops/local").toAbsolutePath().normalize(), config.directory());
        assertEquals(15432, config.postgresPort());
        assertEquals(5673, config.amqpPort());
        assertEquals(List.of("relops-local"), config.virtualHosts());
        assertEquals(List.of("relops_inventory", "relops_request", "relops_imaging", "relops_dns",
                "relops_slavealloc"), config.databases());
        assertEquals("relops", config.databaseUser());
        assertEquals(config.directory().resolve("postgres-binaries"), config.binariesDirectory());
    }

    @Test
    void shouldTakeOptionsWithTheValueAsNextArgumentOrAfterAnEqualsSign() {
        LocalInfrastructureConfig config = LocalInfrastructureConfig.from(
                new String[] {"--state-dir", "/srv/relops", "--postgres-port=25432", "--amqp-port", "25673",
                        "--vhost=a,b"}, Map.of());

        assertEquals(Path.of("/srv/relops"), config.directory());
        assertEquals(25432, config.postgresPort());
        assertEquals(25673, config.amqpPort());
        assertEquals(List.of("a", "b"), config.virtualHosts());
        assertEquals(Path.of("/srv/relops/postgres"), config.postgresDataDirectory());
        assertEquals(Path.of("/srv/relops/qpid"), config.brokerWorkDirectory());
        assertEquals(Path.of("/srv/relops/infra.ready"), config.readyFile());
    }

    @Test
    void shouldPreferOptionsOverEnvironmentOverDefaults() {
        Map<String, String> environment = Map.of(
                "RELOPS_EMBEDDED_PG_PORT", "30000", "RELOPS_EMBEDDED_BUS_PORT", "30001", "RELOPS_DB_USER", "svc");

        LocalInfrastructureConfig config = LocalInfrastructureConfig.from(new String[] {"--amqp-port", "30002"},
                environment);

        assertEquals(30000, config.postgresPort());
        assertEquals(30002, config.amqpPort());
        assertEquals("svc", config.databaseUser());
    }

    @Test
    void shouldRefuseAnUnknownOptionNamingTheKnownOnes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LocalInfrastructureConfig.from(new String[] {"--pg-port", "1"}, Map.of()));

        assertTrue(refused.getMessage().contains("--postgres-port"), refused.getMessage());
    }

    @Test
    void shouldRefuseAPortThatIsNotANumber() {
        assertThrows(IllegalArgumentException.class,
                () -> LocalInfrastructureConfig.from(new String[] {"--amqp-port", "amqp"}, Map.of()));
    }

    @Test
    void shouldRefuseAnOptionWithoutValue() {
        assertThrows(IllegalArgumentException.class,
                () -> LocalInfrastructureConfig.from(new String[] {"--state-dir"}, Map.of()));
    }

    @Test
    void shouldRefuseNamesThatCouldBreakOutOfSqlOrJson() {
        assertThrows(IllegalArgumentException.class,
                () -> LocalInfrastructureConfig.from(new String[] {"--vhost", "x\",\"type\":\"Memory"}, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> LocalInfrastructureConfig.from(new String[] {"--databases", "a; drop role relops"}, Map.of()));
    }

    @Test
    void shouldRefuseTheSamePortForBothServers() {
        assertThrows(IllegalArgumentException.class,
                () -> LocalInfrastructureConfig.from(new String[] {"--postgres-port=5673"}, Map.of()));
    }
}
