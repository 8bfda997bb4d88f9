package org.relops.request.messaging;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.relops.support.consume.PoisonMessageException;

/** The requester grants of the AMQP intake: who may ask, in which application environments. */
class IntakeRequestersTest {

    private final IntakeRequesters requesters = new IntakeRequesters(
            List.of("buildbot@production", " buildbot@staging ", "ops-bot@*"));

    @Test
    void shouldLetAGrantedUserAskInItsApplicationEnvironmentsOnly() {
        assertDoesNotThrow(() -> requesters.check("buildbot", "production"));
        assertDoesNotThrow(() -> requesters.check("buildbot", "staging"));
        PoisonMessageException refused = assertThrows(PoisonMessageException.class,
                () -> requesters.check("buildbot", "try"));
        assertEquals("broker user 'buildbot' may not ask for machines in application environment 'try'; "
                + "relops.requests.intake.requesters grants it production, staging", refused.getMessage());
    }

    @Test
    void shouldLetAUserGrantedTheWildcardAskAnywhere() {
        assertDoesNotThrow(() -> requesters.check("ops-bot", "try"));
    }

    @Test
    void shouldRefuseAnUnknownUserAndACommandWithoutOne() {
        assertThrows(PoisonMessageException.class, () -> requesters.check("guest", "production"));
        assertThrows(PoisonMessageException.class, () -> requesters.check(null, "production"));
        assertThrows(PoisonMessageException.class, () -> new IntakeRequesters(List.of()).check("buildbot", "production"));
    }

    @Test
    void shouldRefuseAGrantThatIsNotUserAtEnvironment() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new IntakeRequesters(List.of("buildbot")));
        assertEquals("relops.requests.intake.requesters: 'buildbot' is not user@application-environment (e.g. "
                + "buildbot@production, or buildbot@* for every application environment)", refused.getMessage());
    }
}
