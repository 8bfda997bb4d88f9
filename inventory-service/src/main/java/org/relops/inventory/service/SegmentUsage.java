package org.relops.inventory.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.relops.inventory.NetworkSegment;
import org.relops.inventory.SegmentView;
import org.relops.inventory.config.InventoryConfig;
import org.relops.inventory.file.Ipam;
import org.relops.inventory.file.SegmentSpec;
import org.relops.inventory.network.AddressPool;
import org.relops.inventory.network.Ipv4Address;
import org.relops.inventory.network.Ipv4Network;

import io.quarkus.panache.common.Sort;

/** The network segments for the API, each with how many of its addresses systems use and IPAM has left. */
@ApplicationScoped
public class SegmentUsage {

    @Inject
    InventoryConfig config;

    @Transactional
    public List<SegmentView> listSegments() {
        Map<String, AddressPool> pools = new HashMap<>();
        List<NetworkSegment> segments = NetworkSegment.listAll(Sort.by("name"));
        segments.forEach(segment -> pools.put(segment.name,
                Ipam.pool(SegmentSpec.of(segment), config.ipam().reservedHostAddresses())));
        List<Object[]> nics = NetworkSegment.getEntityManager()
                .createQuery("select s.segment, s.address from InventorySystem s where s.segment is not null",
                        Object[].class)
                .getResultList();
        for (Object[] nic : nics) {
            AddressPool pool = pools.get((String) nic[0]);
            Ipv4Address.parse((String) nic[1]).ifPresent(pool::claim);
        }
        return segments.stream().map(segment -> view(segment, pools.get(segment.name))).toList();
    }

    private static SegmentView view(NetworkSegment segment, AddressPool pool) {
        SegmentSpec spec = SegmentSpec.of(segment);
        long total = Ipv4Network.parse(segment.cidr).network().hostCount();
        return new SegmentView(segment.name, segment.cidr, segment.gateway, spec.serves(),
                new SegmentView.Addresses(total, pool.reserved(), pool.used(), pool.free()));
    }
}
