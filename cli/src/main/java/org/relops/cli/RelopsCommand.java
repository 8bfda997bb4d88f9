package org.relops.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code relops} command line: what an operator asks of relops every day, from a terminal. */
@TopCommand
@Command(name = "relops", mixinStandardHelpOptions = true, version = "relops 1.0.0",
        description = "Ask relops for machines and follow them; read what its services hold.",
        subcommands = {RequestCommand.class, MachineCommand.class, SystemsCommand.class, InventoryCommand.class,
                ImagesCommand.class, RolloutsCommand.class, DnsCommand.class, SlavesCommand.class, MastersCommand.class,
                EventsCommand.class, AuditCommand.class, TokenCommand.class, CompletionCommand.class})
public class RelopsCommand {
}
