package org.relops.cli;

import picocli.CommandLine.Option;

/** Where request-service answers, and how reads are printed: the options every command shares. */
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
        return new ApiClient(url);
    }
}
