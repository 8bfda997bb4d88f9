package org.relops.cli;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The verbs the {@code ./relops} shell entry point runs itself (the local stack's, the tests'), described for the
 * completion script only: they are not commands of this program, which never runs them.
 */
final class LocalStackVerbs {

    /** The services whose dead letters {@code ./relops dead-letters SERVICE} reads. */
    static final List<String> SERVICES = List.of("request-service", "inventory-service", "imaging-service",
            "dns-service", "slavealloc-service");

    private LocalStackVerbs() {
    }

    /** Adds the shell's verbs, with their options and arguments, beside this program's commands. */
    static void addTo(CommandLine top) {
        add(top, verb("demo", "build, start the stack, ask for machines and show them doing builds").addOption(noBuild()));
        add(top, verb("up", "build and start the stack without asking for machines").addOption(noBuild()));
        add(top, verb("down", "stop the local stack and remove its network and machines"));
        add(top, verb("status", "what runs, and the URLs"));
        add(top, verb("ssh", "root on a machine with the operator's SSH key")
                .addPositional(PositionalParamSpec.builder().index("0").paramLabel("HOSTNAME").build())
                .addPositional(PositionalParamSpec.builder().index("1..*").paramLabel("COMMAND").build()));
        add(top, verb("dead-letters", "what waits in the services' dead-letter queues; SERVICE replay puts it back")
                .addPositional(PositionalParamSpec.builder().index("0").paramLabel("SERVICE")
                        .completionCandidates(SERVICES).build())
                .addPositional(PositionalParamSpec.builder().index("1").paramLabel("replay")
                        .completionCandidates(List.of("replay")).build()));
        add(top, verb("test", "the whole test suite against real PostgreSQL and RabbitMQ"));
    }

    private static CommandSpec verb(String name, String description) {
        CommandSpec spec = CommandSpec.create().name(name);
        spec.usageMessage().description(description);
        return spec;
    }

    private static OptionSpec noBuild() {
        return OptionSpec.builder("--no-build").description("start what is built already").build();
    }

    private static void add(CommandLine top, CommandSpec verb) {
        if (!top.getSubcommands().containsKey(verb.name())) {
            top.addSubcommand(verb.name(), new CommandLine(verb));
        }
    }
}
