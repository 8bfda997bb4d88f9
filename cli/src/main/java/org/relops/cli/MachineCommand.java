package org.relops.cli;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code relops machine HOSTNAME}: one machine as request-service follows it. */
@Command(name = "machine", description = "Show one machine: its state, step, address, DNS name and master.",
        mixinStandardHelpOptions = true)
public class MachineCommand implements Callable<Integer> {

    @Mixin
    ServiceOptions service;

    @Parameters(paramLabel = "HOSTNAME", description = "the machine's hostname")
    String hostname;

    @Override
    public Integer call() {
        return Commands.run(() -> {
            JsonNode machine = service.client().get("/v1/machines/" + hostname);
            if (service.output == ServiceOptions.Output.json) {
                Commands.printJson(machine);
            } else {
                System.out.println(ProgressDisplay.describe(machine));
            }
            return RequestCommand.OK;
        });
    }
}
