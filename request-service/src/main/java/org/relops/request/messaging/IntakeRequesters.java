package org.relops.request.messaging;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.request.config.RequestConfig;
import org.relops.support.consume.PoisonMessageException;

/**
 * The requester role on the AMQP intake: which broker users may ask for machines, and in which application
 * environments ({@code relops.requests.intake.requesters}). The broker vouches for a command's {@code user-id}
 * (RabbitMQ refuses one that is not the connection's user); this says what that user may ask.
 */
@ApplicationScoped
public class IntakeRequesters {

    static final String SETTING = "relops.requests.intake.requesters";
    static final String ANY = "*";
    private static final Pattern GRANT = Pattern.compile("([^@\\s]+)@([a-z0-9][a-z0-9-]*|\\*)");

    private final Map<String, Set<String>> grants;

    @Inject
    IntakeRequesters(RequestConfig config) {
        this(config.intake().requesters().orElse(List.of()));
    }

    IntakeRequesters(List<String> entries) {
        Map<String, Set<String>> parsed = new LinkedHashMap<>();
        for (String entry : entries) {
            var grant = GRANT.matcher(entry.strip());
            if (!grant.matches()) {
                throw new IllegalArgumentException(SETTING + ": '" + entry + "' is not user@application-environment"
                        + " (e.g. buildbot@production, or buildbot@* for every application environment)");
            }
            parsed.computeIfAbsent(grant.group(1), user -> new LinkedHashSet<>()).add(grant.group(2));
        }
        this.grants = parsed;
    }

    /**
     * Refuses (a poison message, dead-lettered with the reason) a command whose publisher has no requester role
     * for {@code appEnvironment}.
     */
    void check(String user, String appEnvironment) {
        if (user == null) {
            throw new PoisonMessageException("the command carries no user-id: the intake takes commands only from "
                    + "publishers with the requester role (" + SETTING + "), which set their broker user as the "
                    + "message's user-id");
        }
        Set<String> environments = grants.get(user);
        if (environments == null) {
            throw new PoisonMessageException("broker user '" + user + "' has no requester role: " + SETTING
                    + " grants it nothing");
        }
        if (!environments.contains(ANY) && !environments.contains(appEnvironment)) {
            throw new PoisonMessageException("broker user '" + user + "' may not ask for machines in application "
                    + "environment '" + appEnvironment + "'; " + SETTING + " grants it " + String.join(", ",
                    environments));
        }
    }
}
