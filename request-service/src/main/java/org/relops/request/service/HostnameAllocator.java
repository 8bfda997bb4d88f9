package org.relops.request.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Hands out hostnames {@code <prefix>-NNNN}, never the same one twice: one counter row per prefix,
 * advanced atomically, so concurrent requests and several replicas never collide.
 */
@ApplicationScoped
public class HostnameAllocator {

    @Inject
    EntityManager entityManager;

    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> allocate(String prefix, int count) {
        int last = ((Number) entityManager.createNativeQuery("""
                insert into hostname_sequence (prefix, last) values (:prefix, :count)
                on conflict (prefix) do update set last = hostname_sequence.last + :count
                returning last""")
                .setParameter("prefix", prefix)
                .setParameter("count", count)
                .getSingleResult()).intValue();
        List<String> hostnames = new ArrayList<>(count);
        for (int number = last - count + 1; number <= last; number++) {
            hostnames.add(String.format("%s-%04d", prefix, number));
        }
        return hostnames;
    }
}
