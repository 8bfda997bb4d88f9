package org.relops.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The virtual bare metal of an inventory for tests, made by the project's own
 * {@code scripts/virtual-baremetal.py}: a qemu host behind its own IPMI BMC per {@code baremetal} system, the
 * BMC's credentials in the secret store ({@code secrets}/&lt;path of its vault: reference&gt;).
 */
public record VirtualBaremetal(Path inventory, String namespace, Path secrets, Path state) {

    /** Starts a BMC per baremetal system (idempotent); returns once every BMC answers. */
    public VirtualBaremetal up() {
        run(List.of("up", inventory.toString(), "--namespace", namespace, "--secrets", secrets.toString(),
                "--state", state.toString()));
        return this;
    }

    /** Powers every host off and stops the BMCs. */
    public void down() {
        run(List.of("down", "--state", state.toString()));
    }

    /** A system's state directory: its BMC's pid and log, its host's disk, console and qemu pid. */
    public Path stateOf(String system) {
        return state.resolve(system);
    }

    /** The pid of a system's running BMC process. */
    public long bmcPid(String system) {
        return readPid(stateOf(system).resolve("bmc.pid"));
    }

    /** The pid of a system's running qemu host, if powered on. */
    public long hostPid(String system) {
        return readPid(stateOf(system).resolve("qemu.pid"));
    }

    /**
     * Runs {@code ipmitool} against a BMC with the credentials of its secret file (password in the environment),
     * as an operator would; its output, whatever the exit code.
     */
    public String ipmitool(String address, String secretPath, String... command) {
        try {
            String[] credentials = Files.readString(secrets.resolve(secretPath)).strip().split(":", 2);
            List<String> line = new ArrayList<>(List.of("ipmitool", "-I", "lanplus", "-C", "3", "-H", address, "-U",
                    credentials[0], "-E"));
            line.addAll(List.of(command));
            ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
            builder.environment().put("IPMI_PASSWORD", credentials[1]);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ipmitool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static long readPid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("no pid in " + file + ": " + e.getMessage(), e);
        }
    }

    private void run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script().toString()));
        command.addAll(arguments);
        LocalNetwork.run(command, true);
    }

    /** scripts/virtual-baremetal.py, found from the working directory (a module's or the project's root). */
    static Path script() {
        return LocalNetwork.script().resolveSibling("virtual-baremetal.py");
    }
}
