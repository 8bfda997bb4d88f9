package org.relops.imaging.provider.baremetal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.relops.imaging.secret.SecretStore.Credentials;

/**
 * One host's BMC over IPMI-over-LAN, by shelling out to {@code ipmitool -I lanplus -C 3} as Ironic does
 * (cipher suite 3: without it ipmitool's negotiation costs ~10 s per command). The password goes to ipmitool
 * in its environment ({@code -E}), never on its command line. Every command has a timeout; a BMC that does
 * not answer is tried again, {@code retryPause} apart, for {@code retryFor}; refused credentials and refused
 * commands fail at once. What the protocol does not confirm is read back: {@code chassis bootdev} exits 0
 * even when the BMC refused it.
 */
public final class IpmiTool {

    private static final Logger LOG = Logger.getLogger(IpmiTool.class);

    /** How an IPMI power state reads. */
    public enum Power {
        ON, OFF
    }

    /** The binary and the retry policy, shared by every host. */
    public record Settings(String binary, Duration commandTimeout, Duration retryFor, Duration retryPause) {
    }

    private final Settings settings;
    private final String address;
    private final Credentials credentials;

    public IpmiTool(Settings settings, String address, Credentials credentials) {
        this.settings = settings;
        this.address = address;
        this.credentials = credentials;
    }

    public Power power() {
        String output = run("chassis", "power", "status");
        if (output.contains("Chassis Power is on")) {
            return Power.ON;
        }
        if (output.contains("Chassis Power is off")) {
            return Power.OFF;
        }
        throw new BmcException(BmcException.Kind.REFUSED, "BMC " + address + " reported no power state: "
                + firstLine(output));
    }

    /** Powers the host on, or cycles it when it is on; confirms it is on. */
    public void powerOnOrCycle() {
        boolean on = power() == Power.ON;
        run("chassis", "power", on ? "cycle" : "on");
        if (power() != Power.ON) {
            throw new BmcException(BmcException.Kind.REFUSED, "BMC " + address + " accepted power "
                    + (on ? "cycle" : "on") + " but reports the host off");
        }
    }

    /** Powers the host off (a no-op when it is off); confirms it is off. */
    public void powerOff() {
        if (power() == Power.OFF) {
            return;
        }
        run("chassis", "power", "off");
        if (power() != Power.OFF) {
            throw new BmcException(BmcException.Kind.REFUSED, "BMC " + address
                    + " accepted power off but reports the host on");
        }
    }

    /** Makes the next boot a network (PXE) boot, and reads it back: ipmitool exits 0 even when the BMC refused. */
    public void bootFromNetwork() {
        run("chassis", "bootdev", "pxe");
        String flags = run("chassis", "bootparam", "get", "5");
        if (!flags.contains("Force PXE")) {
            throw new BmcException(BmcException.Kind.REFUSED, "BMC " + address + " did not take boot device PXE"
                    + " (boot flags read back: " + firstLine(flags.replaceAll("(?s).*Boot Device Selector\\s*:", ""))
                    + ")");
        }
    }

    private String run(String... command) {
        long deadline = System.nanoTime() + settings.retryFor().toNanos();
        int attempt = 1;
        while (true) {
            try {
                return runOnce(command);
            } catch (BmcException e) {
                if (!e.kind().isTransient() || System.nanoTime() + settings.retryPause().toNanos() > deadline) {
                    if (e.kind().isTransient() && attempt > 1) {
                        throw new BmcException(e.kind(), e.getMessage() + " (" + attempt + " attempts in "
                                + settings.retryFor().toSeconds() + " s)");
                    }
                    throw e;
                }
                LOG.warnf("%s (attempt %d); trying again in %d s", e.getMessage(), attempt,
                        settings.retryPause().toSeconds());
                sleep(settings.retryPause());
                attempt++;
            }
        }
    }

    /** One ipmitool run: a 2 s session timeout, tried twice by ipmitool itself (~4 s when nothing answers). */
    private String runOnce(String... command) {
        List<String> line = new ArrayList<>(List.of(settings.binary(), "-v", "-I", "lanplus", "-C", "3", "-N", "2",
                "-R", "1"));
        int colon = address.lastIndexOf(':');
        if (colon > 0 && address.indexOf(':') == colon) {
            line.addAll(List.of("-H", address.substring(0, colon), "-p", address.substring(colon + 1)));
        } else {
            line.addAll(List.of("-H", address));
        }
        line.addAll(List.of("-U", credentials.user(), "-E"));
        line.addAll(List.of(command));
        String what = String.join(" ", command);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("IPMI_PASSWORD", credentials.password());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BmcException(BmcException.Kind.REFUSED, "cannot run " + settings.binary() + " (Debian package"
                    + " ipmitool): " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            byte[] bytes = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new BmcException(BmcException.Kind.UNREACHABLE, "BMC " + address + " did not answer "
                        + what + " within " + settings.commandTimeout().toSeconds() + " s");
            }
            String output = new String(bytes, StandardCharsets.UTF_8);
            if (process.exitValue() == 0) {
                return output;
            }
            throw classify(what, output);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new BmcException(BmcException.Kind.UNREACHABLE, "BMC " + address + ": " + what + " failed: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BmcException(BmcException.Kind.UNREACHABLE, "BMC " + address + ": " + what + " interrupted");
        }
    }

    /** What a failed ipmitool said, as a kind of failure (its -v output tells refused credentials from silence). */
    BmcException classify(String what, String output) {
        String text = output.toLowerCase(Locale.ROOT);
        if (text.contains("rakp 2 hmac is invalid") || text.contains("unauthorized name")
                || text.contains("rakp 1 message") || text.contains("invalid user name")
                || text.contains("password is longer")) {
            return new BmcException(BmcException.Kind.CREDENTIALS, "BMC " + address + " refused the credentials of "
                    + "user " + credentials.user() + " (" + what + ")");
        }
        if (text.contains("get auth capabilities error") || text.contains("unable to establish")
                || text.contains("no response") || text.contains("timeout")) {
            return new BmcException(BmcException.Kind.UNREACHABLE, "BMC " + address + " does not answer (" + what
                    + ")");
        }
        return new BmcException(BmcException.Kind.REFUSED, "BMC " + address + " refused " + what + ": "
                + lastLine(output));
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }

    private static String lastLine(String text) {
        String stripped = text.strip();
        return stripped.substring(stripped.lastIndexOf('\n') + 1);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BmcException(BmcException.Kind.UNREACHABLE, "interrupted while waiting to retry");
        }
    }
}
