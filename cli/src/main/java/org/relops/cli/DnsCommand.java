package org.relops.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.relops.cli.TablePrinter.Column;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code relops dns records}: the environment's DNS records, as dns-service serves them. */
@Command(name = "dns", mixinStandardHelpOptions = true, description = "What dns-service serves.",
        subcommands = {DnsCommand.Records.class})
public class DnsCommand {

    @Command(name = "records", mixinStandardHelpOptions = true,
            description = "List the zone's records: name, type, data and who owns each (a machine, an alias, a "
                    + "service name).")
    static class Records implements Callable<Integer> {

        static final List<Column> COLUMNS = List.of(new Column("NAME", "name"), new Column("TYPE", "type"),
                new Column("TTL", "ttl"), new Column("DATA", "data"), new Column("OWNER", "owner"));

        @Mixin
        ServiceOptions service;

        @Option(names = "--type", description = "only records of this type (A, AAAA, CNAME, PTR, ...)")
        String type;

        @Override
        public Integer call() {
            return Commands.run(() -> {
                String path = Commands.withQuery("/v1/records", java.util.Collections.singletonMap("type", type));
                TablePrinter.print(service, service.client(ServiceOptions.Service.dns).list(path), COLUMNS,
                        "no records");
                return RequestCommand.OK;
            });
        }
    }
}
