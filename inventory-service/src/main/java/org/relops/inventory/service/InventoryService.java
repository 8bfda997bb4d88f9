package org.relops.inventory.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.relops.inventory.InventorySystem;
import org.relops.inventory.SystemView;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Reads the inventory for the API. */
@ApplicationScoped
public class InventoryService {

    @Transactional
    public List<SystemView> findSystems(SystemQuery query, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        query.state().ifPresent(state -> filter(where, parameters, "state", state));
        query.provider().ifPresent(provider -> filter(where, parameters, "provider", provider));
        query.datacenter().ifPresent(datacenter -> filter(where, parameters, "datacenter", datacenter));
        query.row().ifPresent(row -> filter(where, parameters, "row", row));
        query.rack().ifPresent(rack -> filter(where, parameters, "rack", rack));
        query.hardwareClass().ifPresent(hardwareClass -> filter(where, parameters, "hardwareClass", hardwareClass));
        query.requestId().ifPresent(requestId -> filter(where, parameters, "requestId", requestId));
        return InventorySystem.<InventorySystem>find(where.toString(), Sort.by("name"), parameters)
                .page(Page.of(page, size)).list().stream().map(SystemView::of).toList();
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
