package org.relops.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.relops.cli.TablePrinter.Column;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code relops masters}: slavealloc's buildbot masters, by pool. */
@Command(name = "masters", mixinStandardHelpOptions = true,
        description = "List slavealloc's buildbot masters: pool, datacenter, address, enabled.")
public class MastersCommand implements Callable<Integer> {

    static final List<Column> COLUMNS = List.of(new Column("NICKNAME", "nickname"), new Column("POOL", "pool"),
            new Column("DATACENTER", "datacenter"), new Column("FQDN", "fqdn"), new Column("PB PORT", "pb_port"),
            new Column("ENABLED", "enabled"), new Column("ORIGIN", "origin"));

    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() {
        return Commands.run(() -> {
            TablePrinter.print(service, service.client(ServiceOptions.Service.slavealloc).get("/api/masters"), COLUMNS,
                    "no masters");
            return RequestCommand.OK;
        });
    }
}
