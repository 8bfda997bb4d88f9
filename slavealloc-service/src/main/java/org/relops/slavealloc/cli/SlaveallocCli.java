package org.relops.slavealloc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operators' command-line client for slavealloc's everyday work, over its HTTP API. Uses the JDK
 * only, so it also runs straight from its source file ({@code java SlaveallocCli.java ...}; see
 * {@code bin/slavealloc}). Names must be unqualified: {@code bld-linux64-0001}, not an FQDN.
 */
public final class SlaveallocCli {

    static final String USAGE = """
            usage: slavealloc COMMAND ARGS...
              enable SLAVE           let the slave take work at its next boot
              disable SLAVE [NOTES]  give the slave a tac that refuses to start (NOTES say why)
              lock SLAVE MASTER      always attach the slave to this master
              unlock SLAVE           let allocation choose the slave's master again
              notes SLAVE TEXT       set the slave's notes ("" clears them)
              gettac SLAVE           show the tac the slave would get now (dry run, password masked)
              show SLAVE             show the slave's row
              token SLAVE            give the slave a new tac token, printed once
              import FILE            import a JSON dump of an allocator's tables
            environment: SLAVEALLOC_URL (default http://localhost:8084), SLAVEALLOC_TOKEN (a relops access
              token: operator for changes, viewer for reads; ./relops token operator)
            """;

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int TOKEN_BYTES = 24;

    private final String baseUrl;
    private final String token;
    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    SlaveallocCli(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.baseUrl = environment.getOrDefault("SLAVEALLOC_URL", "http://localhost:8084").replaceAll("/+$", "");
        this.token = environment.get("SLAVEALLOC_TOKEN");
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new SlaveallocCli(System.getenv(), System.out, System.err).run(args));
    }

    /** Runs one command; the exit status: 0 done, 1 refused by the service, 2 a usage mistake. */
    int run(String... args) {
        if (args.length < 2) {
            err.print(USAGE);
            return 2;
        }
        String command = args[0];
        String name = args[1];
        List<String> rest = Arrays.asList(args).subList(2, args.length);
        if (!command.equals("import") && !isUnqualified(name)) {
            return 2;
        }
        try {
            return switch (command) {
                case "enable" -> update(name, "{\"enabled\": true}", name + " enabled");
                case "disable" -> update(name, rest.isEmpty() ? "{\"enabled\": false}"
                        : "{\"enabled\": false, \"notes\": " + json(String.join(" ", rest)) + "}", name + " disabled");
                case "lock" -> rest.size() != 1 || !isUnqualified(rest.get(0)) ? usage()
                        : update(name, "{\"locked_master\": " + json(rest.get(0)) + "}",
                                name + " locked to " + rest.get(0));
                case "unlock" -> update(name, "{\"locked_masterid\": null}", name + " unlocked");
                case "notes" -> rest.isEmpty() ? usage()
                        : update(name, "{\"notes\": " + json(String.join(" ", rest)) + "}", name + " notes set");
                case "gettac" -> show(send(HttpRequest.newBuilder(uri("/api/gettac/" + name)).GET()));
                case "show" -> show(send(HttpRequest.newBuilder(uri("/api/slaves/" + name + "?byname=1")).GET()));
                case "token" -> newToken(name);
                case "import" -> importDump(Path.of(name));
                default -> usage();
            };
        } catch (IOException e) {
            err.println("slavealloc: cannot reach " + baseUrl + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private boolean isUnqualified(String name) {
        if (name.contains(".")) {
            err.println("slavealloc: '" + name + "' is qualified; give the unqualified name (e.g. "
                    + name.substring(0, name.indexOf('.')) + ")");
            return false;
        }
        if (!LABEL.matcher(name).matches()) {
            err.println("slavealloc: '" + name + "' is not a host name");
            return false;
        }
        return true;
    }

    private int update(String slave, String body, String done) throws IOException, InterruptedException {
        HttpResponse<String> response = send(write(uri("/api/slaves/" + slave + "?byname=1"))
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() / 100 != 2) {
            return fail(response);
        }
        out.println(done);
        return 0;
    }

    private int newToken(String slave) throws IOException, InterruptedException {
        byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        String tacToken = HexFormat.of().formatHex(random);
        int status = update(slave, "{\"tac_token\": \"" + tacToken + "\"}", "tac token of " + slave + " (shown once):");
        if (status == 0) {
            out.println(tacToken);
        }
        return status;
    }

    private int importDump(Path file) throws IOException, InterruptedException {
        HttpResponse<String> response = send(write(uri("/api/import"))
                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(file))));
        return show(response);
    }

    private int show(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            return fail(response);
        }
        out.print(response.body());
        if (!response.body().endsWith("\n")) {
            out.println();
        }
        return 0;
    }

    private int fail(HttpResponse<String> response) {
        Matcher detail = DETAIL.matcher(response.body());
        String why = detail.find() ? detail.group(1).replace("\\\"", "\"") : response.body().trim();
        err.println("slavealloc: " + response.statusCode() + ": " + why);
        return 1;
    }

    private int usage() {
        err.print(USAGE);
        return 2;
    }

    private HttpRequest.Builder write(URI uri) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json");
    }

    /** Every call carries the access token: reads need a viewer's, writes an operator's. */
    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    static String json(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
