package org.relops.imaging.provider;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.All;

/** The provider implementations, by the kind name the inventory gives a system. */
@ApplicationScoped
public class Providers {

    private final Map<String, Provider> byKind;

    @Inject
    public Providers(@All List<Provider> providers) {
        this.byKind = providers.stream().collect(Collectors.toMap(Provider::kind, Function.identity()));
    }

    public Optional<Provider> find(String kind) {
        return Optional.ofNullable(kind).map(byKind::get);
    }

    public java.util.Set<String> kinds() {
        return byKind.keySet();
    }
}
