package org.relops.support.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Remembers which messages a consumer has handled, in the transaction of the handling itself, so a
 * redelivered message changes nothing. Two replicas handling the same message at once serialise on
 * the primary key: the second waits for the first and then sees it handled.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager entityManager;

    /** Records the message as handled; {@code false} if it already was. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String messageId) {
        int inserted = entityManager.createNativeQuery("""
                insert into inbox_message (consumer, message_id) values (:consumer, :id)
                on conflict do nothing""")
                .setParameter("consumer", consumer)
                .setParameter("id", messageId)
                .executeUpdate();
        return inserted == 1;
    }
}
