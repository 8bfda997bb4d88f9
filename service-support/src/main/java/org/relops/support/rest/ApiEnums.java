package org.relops.support.rest;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the APIs spell an enum value: lower case ({@code "state": "fulfilled"}), as JSON APIs do. Reading accepts any
 * case ({@link JsonConventions}).
 */
public final class ApiEnums {

    private ApiEnums() {
    }

    /** The value as the APIs write it. */
    public static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Every value of an enum type as the APIs write them, comma-separated: what an error lists as allowed. */
    public static String allowed(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(value -> name((Enum<?>) value))
                .collect(Collectors.joining(", "));
    }

    /**
     * Reads a value of a query parameter or a path in any case, or refuses it with a problem that names the parameter
     * and lists the allowed values; null or blank is null.
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String parameter, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text.strip())) {
                return value;
            }
        }
        throw ProblemException.badRequest(parameter + " has an invalid value '" + text + "'; allowed: "
                + allowed(type));
    }
}
