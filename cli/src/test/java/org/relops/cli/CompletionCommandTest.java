package org.relops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The completion script, sourced into a real bash and asked to complete command lines as a user's shell would. */
class CompletionCommandTest {

    @TempDir
    static Path dir;

    static Path script;

    @BeforeAll
    static void printScript() throws IOException {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertEquals(0, new CommandLine(new RelopsCommand()).execute("completion"));
        } finally {
            System.setOut(out);
        }
        script = dir.resolve("relops-completion.bash");
        Files.writeString(script, printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldCompleteTheShellVerbsBesideTheCommands() throws Exception {
        List<String> verbs = complete("relops ");
        assertTrue(verbs.containsAll(List.of("demo", "up", "down", "status", "ssh", "dead-letters", "test",
                "request", "systems", "events", "completion")), verbs.toString());
        assertEquals(List.of("dns", "demo", "down", "dead-letters"), complete("relops d"));
    }

    @Test
    void shouldCompleteTheShellVerbsOptionsAndArguments() throws Exception {
        assertEquals(List.of("--no-build"), complete("relops up --"));
        assertEquals(List.of("--no-build"), complete("relops demo --no"));
        assertEquals(LocalStackVerbs.SERVICES, complete("relops dead-letters "));
        assertEquals(List.of("replay"), complete("relops dead-letters dns-service "));
    }

    @Test
    void shouldStillCompleteTheCommandsOwnSubcommandsAndOptions() throws Exception {
        assertEquals(List.of("create", "list", "show", "delete"), complete("relops request "));
        assertTrue(complete("relops request create --").contains("--image"));
    }

    /** What bash offers for {@code line} with the script loaded: the words of COMPREPLY. */
    private static List<String> complete(String line) throws IOException, InterruptedException {
        String probe = "source \"$1\"\n"
                + "COMP_LINE=\"$2\"; read -ra COMP_WORDS <<< \"$2\"; [[ $2 == *' ' ]] && COMP_WORDS+=('')\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_POINT=${#COMP_LINE}; COMPREPLY=()\n"
                + "_complete_relops relops \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", probe, "probe", script.toString(), line)
                .redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), out);
        return out.lines().filter(word -> !word.isBlank()).toList();
    }
}
