package org.relops.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.relops.cli.TablePrinter.Column;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code relops systems}: the inventory's systems, where they are and what holds them. */
@Command(name = "systems", mixinStandardHelpOptions = true,
        description = "List the inventory's systems: state, provider, class, location and the machine on each.")
public class SystemsCommand implements Callable<Integer> {

    static final List<Column> COLUMNS = List.of(new Column("NAME", "name"), new Column("STATE", "state"),
            new Column("PROVIDER", "provider"), new Column("CLASS", "hardwareClass"),
            new Column("DATACENTER", "location.datacenter"), new Column("ROW", "location.row"),
            new Column("RACK", "location.rack"), new Column("ADDRESS", "nic.address"),
            new Column("MACHINE", "reservation.hostname"));

    @Mixin
    ServiceOptions service;

    @Option(names = "--state", description = "only systems in this state (free, reserved, ready, quarantined, ...)")
    String state;

    @Option(names = "--datacenter", description = "only systems in this datacenter")
    String datacenter;

    @Option(names = "--rack", description = "only systems in this rack")
    String rack;

    @Option(names = "--hardware-class", description = "only systems of this hardware class")
    String hardwareClass;

    @Override
    public Integer call() {
        return Commands.run(() -> {
            Map<String, Object> filters = new LinkedHashMap<>();
            filters.put("state", state);
            filters.put("datacenter", datacenter);
            filters.put("rack", rack);
            filters.put("hardwareClass", hardwareClass);
            TablePrinter.print(service, service.client(ServiceOptions.Service.inventory)
                    .list(Commands.withQuery("/v1/systems", filters)), COLUMNS, "no systems");
            return RequestCommand.OK;
        });
    }
}
