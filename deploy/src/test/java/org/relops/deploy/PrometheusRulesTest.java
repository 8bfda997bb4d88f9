package org.relops.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The scrape configuration and alert rules in deploy/prometheus, checked by Prometheus' own promtool (Debian's
 * prometheus package, which {@code ./relops test} installs): the files are valid, and alerts-test.yml's unit tests
 * (each alert fires when it should and only then) pass.
 */
class PrometheusRulesTest {

    private static final Path RULES = Path.of("prometheus").toAbsolutePath();

    @Test
    void shouldHaveAValidScrapeConfiguration() throws Exception {
        promtool("check", "config", "prometheus.yml");
    }

    @Test
    void shouldHaveValidAlertRules() throws Exception {
        promtool("check", "rules", "alerts.yml");
    }

    @Test
    void shouldFireEachAlertWhenItShouldAndOnlyThen() throws Exception {
        promtool("test", "rules", "alerts-test.yml");
    }

    private static void promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", arguments) + " did not end within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "promtool " + String.join(" ", arguments) + ":\n" + output);
    }
}
