package org.relops.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.relops.cli.TablePrinter.Column;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code relops slaves}: slavealloc's slaves, with their pools and the masters they are on. */
@Command(name = "slaves", mixinStandardHelpOptions = true,
        description = "List slavealloc's slaves: pool, environment, the master each is on, enabled.")
public class SlavesCommand implements Callable<Integer> {

    static final List<Column> COLUMNS = List.of(new Column("NAME", "name"), new Column("POOL", "pool"),
            new Column("ENVIRONMENT", "environment"), new Column("DATACENTER", "datacenter"),
            new Column("MASTER", "current_master"), new Column("LOCKED TO", "locked_master"),
            new Column("ENABLED", "enabled"), new Column("ADDRESS", "address"));

    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() {
        return Commands.run(() -> {
            TablePrinter.print(service, service.client(ServiceOptions.Service.slavealloc).get("/api/slaves"), COLUMNS,
                    "no slaves");
            return RequestCommand.OK;
        });
    }
}
