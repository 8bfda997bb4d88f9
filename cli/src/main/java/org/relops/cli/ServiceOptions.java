package org.relops.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where request-service answers, and how reads are printed: the options every command shares. The other
 * services answer on the ports after request-service's (the layout of the local stack), or where
 * {@code $RELOPS_<SERVICE>_URL} says ({@code RELOPS_IMAGING_URL}, ...). The access token comes from
 * {@code $RELOPS_TOKEN} ({@code ./relops token ROLE} prints one for the local stack). A {@link Profile}
 * ({@code --profile NAME} or {@code $RELOPS_PROFILE}) gives both for a saved environment; an explicit {@code --url},
 * {@code $RELOPS_<SERVICE>_URL} or {@code $RELOPS_TOKEN} wins over it.
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

    @Option(names = "--profile", defaultValue = "${RELOPS_PROFILE}",
            description = "a saved environment: its URLs and token file, from $RELOPS_CONFIG_DIR/profiles/NAME"
                    + ".properties (default ~/.config/relops/profiles; or $RELOPS_PROFILE)")
    String profile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

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
        Profile saved = savedProfile();
        String base = System.getenv(service.variable());
        if ((base == null || base.isBlank()) && saved != null && service != Service.request) {
            base = saved.url(service).orElse(null);
        }
        if (base == null || base.isBlank()) {
            java.net.URI request = java.net.URI.create(requestUrl(saved));
            int port = request.getPort() < 0 ? 80 : request.getPort();
            base = service == Service.request ? requestUrl(saved)
                    : request.getScheme() + "://" + request.getHost() + ":" + (port + service.ordinal());
        }
        // The token is a secret: read from the environment or the profile's file, never an option (ps shows those).
        String token = System.getenv("RELOPS_TOKEN");
        if ((token == null || token.isBlank()) && saved != null) {
            token = saved.token().orElse(null);
        }
        return new ApiClient(base, token, service + "-service");
    }

    /** request-service's URL: an explicit --url, else the profile's, else $RELOPS_URL or the local default. */
    private String requestUrl(Profile saved) {
        boolean explicit = command != null && command.commandLine() != null
                && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption("--url");
        return explicit || saved == null ? url : saved.url(Service.request).orElse(url);
    }

    private Profile savedProfile() {
        if (profile == null || profile.isBlank()) {
            return null;
        }
        try {
            return Profile.load(profile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read profile '" + profile + "': " + e.getMessage(), e);
        }
    }
}
