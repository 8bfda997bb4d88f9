package org.relops.cli;

import picocli.CommandLine.Option;

/**
 * Where request-service answers, and how reads are printed: the options every command shares. The other
 * services answer on the ports after request-service's (the layout of the local stack), or where
 * {@code $RELOPS_<SERVICE>_URL} says ({@code RELOPS_IMAGING_URL}, ...). The access token comes from
 * {@code $RELOPS_TOKEN} ({@code ./relops token ROLE} prints one for the local stack).
 */
public class ServiceOptions {

    /** The five services, in the order of their ports after request-service's. */
    public enum Service {
        request, inventory, imaging, dns, slavealloc;

        String variable() {
            return "RELOPS_" + name().toUpperCase(java.util.Locale.ROOT) + "_URL";
        }
    }

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
        return client(Service.request);
    }

    /** A client of one service: its {@code $RELOPS_<SERVICE>_URL}, else request-service's port plus its place. */
    ApiClient client(Service service) {
        String base = System.getenv(service.variable());
        if (base == null || base.isBlank()) {
            java.net.URI request = java.net.URI.create(url);
            int port = request.getPort() < 0 ? 80 : request.getPort();
            base = request.getScheme() + "://" + request.getHost() + ":" + (port + service.ordinal());
        }
        // The token is a secret: read from the environment, never an option (a command line shows in ps).
        return new ApiClient(base, System.getenv("RELOPS_TOKEN"), service + "-service");
    }
}
