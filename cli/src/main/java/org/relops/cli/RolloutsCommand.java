package org.relops.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.relops.cli.TablePrinter.Column;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code relops rollouts}: image rollouts, newest first. */
@Command(name = "rollouts", mixinStandardHelpOptions = true,
        description = "List image rollouts, newest first: the version, its state and who started it.")
public class RolloutsCommand implements Callable<Integer> {

    static final List<Column> COLUMNS = List.of(new Column("ID", "id"), new Column("IMAGE", "image"),
            new Column("VERSION", "imageVersion"), new Column("ENVIRONMENT", "appEnvironment"),
            new Column("STATE", "state"), new Column("STARTED BY", "startedBy"), new Column("CREATED", "createdAt"),
            new Column("REASON", "reason"));

    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() {
        return Commands.run(() -> {
            TablePrinter.print(service, service.client(ServiceOptions.Service.imaging).list("/v1/rollouts"), COLUMNS,
                    "no rollouts");
            return RequestCommand.OK;
        });
    }
}
