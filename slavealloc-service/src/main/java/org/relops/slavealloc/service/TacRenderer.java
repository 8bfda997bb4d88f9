package org.relops.slavealloc.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Renders buildbot.tac files from templates with Python-style placeholders, as the original allocator's
 * templates are written: {@code %(name)r} is the value as a Python literal, {@code %(name)s} as it is,
 * {@code %(name)d} a number, {@code %%} a percent sign. Every tac starts with the marker line slaves
 * look for before they replace their cached tac; a template without it gets it in front.
 */
@ApplicationScoped
public class TacRenderer {

    /** The first line of every tac. */
    public static final String MARKER = "# AUTOMATICALLY GENERATED - DO NOT MODIFY";

    private static final Pattern PLACEHOLDER = Pattern.compile("%\\(([a-z_]+)\\)([rsd])|%%");
    private static final DateTimeFormatter GENDATE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy 'UTC'");

    private final String defaultTemplate = resource("/tac/default.tac");
    private final String disabledTemplate = resource("/tac/disabled.tac");

    /** What a tac is rendered from. */
    public record TacValues(String slavename, String basedir, String masterNickname, String masterFqdn,
            int masterPort, String password) {
    }

    /** The tac that attaches a slave to its master, from a template (null = the built-in one). */
    public String render(String template, TacValues values) {
        return fill(template == null ? defaultTemplate : template, Map.of(
                "slavename", values.slavename(),
                "basedir", values.basedir(),
                "master", values.masterNickname(),
                "buildmaster_host", values.masterFqdn(),
                "port", values.masterPort(),
                "buildmaster_port", values.masterPort(),
                "passwd", values.password(),
                "slavepassword", values.password()));
    }

    /** The tac a disabled slave gets: it says so and exits. */
    public String renderDisabled(String slavename) {
        return fill(disabledTemplate, Map.of("slavename", slavename));
    }

    /** Throws {@link IllegalArgumentException} if a template uses a placeholder the renderer does not know. */
    public void check(String template) {
        render(template, new TacValues("slave", "/builds/slave", "master", "master.example", 9010, "secret"));
    }

    private static String fill(String template, Map<String, Object> given) {
        Map<String, Object> values = new HashMap<>(given);
        values.put("gendate", ZonedDateTime.now(ZoneOffset.UTC).format(GENDATE));
        values.put("genhost", System.getenv().getOrDefault("HOSTNAME", "slavealloc"));
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder tac = new StringBuilder(template.length() + 256);
        while (matcher.find()) {
            matcher.appendReplacement(tac, Matcher.quoteReplacement(expand(matcher, values)));
        }
        matcher.appendTail(tac);
        String text = tac.toString();
        return text.startsWith(MARKER + "\n") ? text : MARKER + "\n" + text;
    }

    private static String expand(Matcher placeholder, Map<String, Object> values) {
        if (placeholder.group(1) == null) {
            return "%";
        }
        String name = placeholder.group(1);
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("unknown tac placeholder %(" + name + ")");
        }
        Object value = values.get(name);
        return switch (placeholder.group(2)) {
            case "r" -> value instanceof String text ? PythonLiteral.repr(text) : String.valueOf(value);
            case "d" -> {
                if (!(value instanceof Integer)) {
                    throw new IllegalArgumentException("tac placeholder %(" + name + ")d is not a number");
                }
                yield String.valueOf(value);
            }
            default -> String.valueOf(value);
        };
    }

    private static String resource(String path) {
        try (InputStream in = TacRenderer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
