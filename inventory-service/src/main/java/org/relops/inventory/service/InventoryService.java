package org.relops.inventory.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.relops.inventory.InventorySystem;
import org.relops.inventory.SystemView;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Reads the inventory for the API. */
@ApplicationScoped
public class InventoryService {

    /** One page of the systems the query's filters match, by name. */
    @Transactional
    public ListPage<SystemView> findSystems(SystemQuery query, PageParams page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        query.state().ifPresent(state -> filter(where, parameters, "state", state));
        query.provider().ifPresent(provider -> filter(where, parameters, "provider", provider));
        query.datacenter().ifPresent(datacenter -> filter(where, parameters, "datacenter", datacenter));
        query.row().ifPresent(row -> filter(where, parameters, "row", row));
        query.rack().ifPresent(rack -> filter(where, parameters, "rack", rack));
        query.hardwareClass().ifPresent(hardwareClass -> filter(where, parameters, "hardwareClass", hardwareClass));
        query.requestId().ifPresent(requestId -> filter(where, parameters, "requestId", requestId));
        return ListPage.of(InventorySystem.<InventorySystem>find(where.toString(), Sort.by("name"), parameters), page,
                SystemView::of);
    }

    @Transactional
    public Optional<SystemView> findSystemByName(String name) {
        return InventorySystem.findByName(name).map(SystemView::of);
    }

    private static void filter(StringBuilder where, Parameters parameters, String field, Object value) {
        where.append(" and ").append(field).append(" = :").append(field);
        parameters.and(field, value);
    }
}
