package org.relops.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code relops completion}: a bash/zsh completion script for every command and option, the shell entry point's own
 * verbs ({@code demo}, {@code up}, {@code down}, ...) included.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a bash (and zsh) completion script: source <(relops completion)")
public class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine top = spec.commandLine().getParent();
        LocalStackVerbs.addTo(top);
        System.out.print(AutoComplete.bash("relops", top));
        return RequestCommand.OK;
    }
}
