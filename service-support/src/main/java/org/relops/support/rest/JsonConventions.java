package org.relops.support.rest;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The JSON conventions every service's API shares: an enum value is written in lower case ({@link ApiEnums}), as a
 * value and as a map key, and read in any case ({@code "spread": "rack"} is {@code RACK}); an unknown one is refused
 * with the allowed values ({@link ProblemMappers}).
 */
@Singleton
public class JsonConventions implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
        SimpleModule lowerCase = new SimpleModule("relops-lower-case-enums");
        lowerCase.addSerializer(Enum.class, new LowerCaseEnum());
        lowerCase.addKeySerializer(Enum.class, new LowerCaseEnumKey());
        mapper.registerModule(lowerCase);
    }

    @SuppressWarnings("rawtypes")
    private static final class LowerCaseEnum extends JsonSerializer<Enum> {
        @Override
        public void serialize(Enum value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(ApiEnums.name(value));
        }
    }

    @SuppressWarnings("rawtypes")
    private static final class LowerCaseEnumKey extends JsonSerializer<Enum> {
        @Override
        public void serialize(Enum value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeFieldName(ApiEnums.name(value));
        }
    }
}
