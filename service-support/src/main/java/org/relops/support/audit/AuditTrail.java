package org.relops.support.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.relops.support.auth.CurrentCaller;
import org.relops.support.bus.BusConfig;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;

import io.quarkus.panache.common.Parameters;

/**
 * Every service's record of the changes made through its API, written in the change's own transaction:
 * a change and its entry commit together. The actor is the verified caller (the token's subject); the
 * same name travels as the {@code actor} of the events the change causes.
 */
@ApplicationScoped
public class AuditTrail {

    /** Longest detail kept; a longer one is cut (a reason is a sentence, not a file). */
    static final int MAX_DETAIL = 2000;

    @Inject
    CurrentCaller caller;

    @Inject
    BusConfig bus;

    /** Records that the caller did {@code action} to {@code subject}, with what or why in {@code detail}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String subject, String action, String detail) {
        recordAs(null, subject, action, detail);
    }

    /**
     * Records a change whose actor the channel vouched for other than by token (an intake publisher); a null
     * actor is the caller, as {@link #record} records it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAs(String actor, String subject, String action, String detail) {
        AuditEntry entry = new AuditEntry();
        entry.at = OffsetDateTime.now(ZoneOffset.UTC);
        entry.actor = cut(actor != null ? actor : caller.name().orElse("service " + bus.serviceName()), 200);
        entry.subject = cut(subject, 500);
        entry.action = cut(action, 100);
        entry.detail = detail == null ? null : cut(detail, MAX_DETAIL);
        entry.persist();
    }

    /** A page of entries, newest first, of a subject and everything under it, and/or of one actor. */
    @Transactional
    public ListPage<AuditView> find(String subject, String actor, PageParams page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (subject != null) {
            where.append(" and (subject = :subject or subject like :under escape '!')");
            parameters.and("subject", subject).and("under", escapeLike(subject) + "/%");
        }
        if (actor != null) {
            where.append(" and actor = :actor");
            parameters.and("actor", actor);
        }
        return ListPage.of(AuditEntry.<AuditEntry>find(where + " order by seq desc", parameters), page,
                AuditView::of);
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
