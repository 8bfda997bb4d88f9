package org.relops.cli;

import picocli.CommandLine.Option;

/**
 * Where request-service answers, and how reads are printed: the options every command shares. The access
 * token comes from {@code $RELOPS_TOKEN} ({@code ./relops token ROLE} prints one for the local stack).
 */
public class ServiceOptions {

    @Option(names = "--url", defaultValue = "${RELOPS_URL:-http://127.0.0.1:8080}",
            description = "request-service's base URL (default: ${DEFAULT-VALUE}, or $RELOPS_URL)")
    String url;

    @Option(names = {"-o", "--output"}, defaultValue = "text",
            description = "how reads are printed: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Output output;

    /** How a read is printed. */
    public enum Output {
        text, json
    }

    ApiClient client() {
        // The token is a secret: read from the environment, never an option (a command line shows in ps).
        return new ApiClient(url, System.getenv("RELOPS_TOKEN"));
    }
}
