package org.relops.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relops inventory diff|apply FILE}: an inventory file against the inventory, then applied. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Compare an inventory file with the inventory (diff), or apply it after showing the diff.",
        subcommands = {InventoryCommand.Diff.class, InventoryCommand.Apply.class})
public class InventoryCommand {

    static final String YAML = "application/yaml";

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "What importing FILE would change: systems and segments added, removed and changed, "
                    + "field by field; nothing is changed.")
    static class Diff implements Callable<Integer> {

        @Mixin
        ServiceOptions service;

        @Parameters(paramLabel = "FILE", description = "the inventory file (YAML)")
        Path file;

        @Override
        public Integer call() {
            return Commands.run(() -> {
                JsonNode plan = plan(service, file, true, false);
                if (service.output == ServiceOptions.Output.json) {
                    Commands.printJson(plan);
                } else {
                    ImportPlanText.print(plan);
                }
                return plan.path("blockers").isEmpty() ? RequestCommand.OK : RequestCommand.REFUSED;
            });
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Show what importing FILE changes, then apply it (all of it or nothing).")
    static class Apply implements Callable<Integer> {

        @Mixin
        ServiceOptions service;

        @Parameters(paramLabel = "FILE", description = "the inventory file (YAML)")
        Path file;

        @Option(names = "--force", description = "apply even when it touches more systems than one import may")
        boolean force;

        @Override
        public Integer call() {
            return Commands.run(() -> {
                JsonNode dryRun = plan(service, file, true, force);
                ImportPlanText.print(dryRun);
                if (!dryRun.path("blockers").isEmpty()) {
                    System.err.println("relops: not applied: the plan has blockers");
                    return RequestCommand.REFUSED;
                }
                JsonNode applied = plan(service, file, false, force);
                if (service.output == ServiceOptions.Output.json) {
                    Commands.printJson(applied);
                } else {
                    System.out.println(applied.path("applied").asBoolean() ? "applied" : "not applied");
                }
                return RequestCommand.OK;
            });
        }
    }

    static JsonNode plan(ServiceOptions service, Path file, boolean dryRun, boolean force) throws java.io.IOException {
        String document = Files.readString(file);
        return service.client(ServiceOptions.Service.inventory)
                .post("/v1/inventory/import?dryRun=" + dryRun + "&force=" + force, YAML, document);
    }
}
