package org.relops.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code dig} against a DNS server (on 127.0.0.1 unless told): the real client the tests check answers with. */
public final class Dig {

    private final String server;
    private final int port;

    private Dig(String server, int port) {
        this.server = server;
        this.port = port;
    }

    public static Dig at(int port) {
        return new Dig("127.0.0.1", port);
    }

    public static Dig at(String server, int port) {
        return new Dig(server, port);
    }

    /** dig's whole output for a question, e.g. {@code query("puppet.zone", "A", "+tcp")}. */
    public String query(String... arguments) {
        List<String> command = new ArrayList<>(List.of("dig", "@" + server, "-p", String.valueOf(port), "+time=2",
                "+tries=1"));
        command.addAll(List.of(arguments));
        return ExternalCommand.run(Duration.ofSeconds(20), command.toArray(String[]::new)).all();
    }

    /** The answer's records only, one per line, as {@code dig +short} prints them. */
    public String shortAnswer(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("+short");
        return query(all.toArray(String[]::new)).trim();
    }
}
