package org.relops.support.rest;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The JSON conventions every service's API shares: an enum value is read in any case ({@code "spread": "rack"} is
 * {@code RACK}), and an unknown one is refused with the allowed values ({@link ProblemMappers}).
 */
@Singleton
public class JsonConventions implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
    }
}
