package org.relops.slavealloc.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Reports every silo's balance over its pool's masters: what allocation keeps even. */
@ApplicationScoped
public class SiloReport {

    @Inject
    EntityManager entityManager;

    @SuppressWarnings("unchecked")
    public List<SiloBalance> balances() {
        List<Object[]> counts = entityManager.createNativeQuery("""
                select p.name, d.name, b.name, sp.name, pu.name, dc.name, t.name, e.name, m.nickname, count(*)
                from slaves s
                join pools p on p.poolid = s.poolid
                join distros d on d.distroid = s.distroid
                join bitlengths b on b.bitsid = s.bitsid
                join speeds sp on sp.speedid = s.speedid
                join purposes pu on pu.purposeid = s.purposeid
                join datacenters dc on dc.dcid = s.dcid
                join trustlevels t on t.trustid = s.trustid
                join environments e on e.envid = s.envid
                left join masters m on m.masterid = s.current_masterid
                group by p.name, d.name, b.name, sp.name, pu.name, dc.name, t.name, e.name, m.nickname
                order by 1, 2, 3, 4, 5, 6, 7, 8""").getResultList();
        List<Object[]> enabledMasters = entityManager.createNativeQuery("""
                select p.name, m.nickname from masters m join pools p on p.poolid = m.poolid where m.enabled""")
                .getResultList();
        Map<List<Object>, Tally> silos = new LinkedHashMap<>();
        for (Object[] row : counts) {
            List<Object> silo = List.of(Arrays.copyOf(row, 8));
            Tally tally = silos.computeIfAbsent(silo, key -> new Tally(row[0], enabledMasters));
            tally.add((String) row[8], ((Number) row[9]).longValue());
        }
        List<SiloBalance> balances = new ArrayList<>();
        silos.forEach((key, tally) -> balances.add(new SiloBalance((String) key.get(0), (String) key.get(1),
                (String) key.get(2), (String) key.get(3), (String) key.get(4), (String) key.get(5),
                (String) key.get(6), (String) key.get(7), tally.slaves, tally.unallocated, tally.masters)));
        return balances;
    }

    /** Slaves of one silo counted per master. */
    private static final class Tally {

        final Map<String, Long> masters = new TreeMap<>();
        long slaves;
        long unallocated;

        Tally(Object pool, List<Object[]> enabledMasters) {
            enabledMasters.stream().filter(master -> master[0].equals(pool))
                    .forEach(master -> masters.put((String) master[1], 0L));
        }

        void add(String master, long count) {
            slaves += count;
            if (master == null) {
                unallocated += count;
            } else {
                masters.merge(master, count, Long::sum);
            }
        }
    }
}
