package org.relops.request.service;

import java.util.Locale;
import java.util.regex.Pattern;

import org.relops.model.value.ImageRef;
import org.relops.model.value.PlacementConstraints;

/**
 * A validated request for machines, whichever way it came in. {@link #validate} is the one place
 * that decides what a well-formed request is, with a message a person can act on.
 */
public record NewRequest(ImageRef image, int count, String appEnvironment, String hostnamePrefix,
        PlacementConstraints constraints) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final int MAX_PREFIX = 50;
    private static final int MAX_VERSION = 50;
    private static final Pattern CONSTRAINT = Pattern.compile("[A-Za-z0-9._-]{1,63}");

    /** Checks raw input and fills defaults; throws {@link IllegalArgumentException} saying what is wrong. */
    public static NewRequest validate(String image, Integer count, String appEnvironment, String hostnamePrefix,
            PlacementConstraints constraints, int maxCount) {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("'image' is required, e.g. \"releng-talos-linux64\"");
        }
        ImageRef ref = ImageRef.parse(image.trim());
        if (ref.version() != null && ref.version().length() > MAX_VERSION) {
            throw new IllegalArgumentException("the image version must be at most " + MAX_VERSION + " characters");
        }
        if (count == null) {
            throw new IllegalArgumentException("'count' is required");
        }
        if (count < 1 || count > maxCount) {
            throw new IllegalArgumentException("'count' must be between 1 and " + maxCount + ", got " + count);
        }
        if (appEnvironment == null || appEnvironment.isBlank()) {
            throw new IllegalArgumentException("'appEnvironment' is required, e.g. \"production\"");
        }
        String environment = appEnvironment.trim().toLowerCase(Locale.ROOT);
        if (environment.length() > 63 || !LABEL.matcher(environment).matches()) {
            throw new IllegalArgumentException("'appEnvironment' must be a lower-case label, got '" + appEnvironment + "'");
        }
        String prefix = hostnamePrefix == null || hostnamePrefix.isBlank()
                ? defaultPrefix(ref.name())
                : hostnamePrefix.trim().toLowerCase(Locale.ROOT);
        if (prefix.length() > MAX_PREFIX || !LABEL.matcher(prefix).matches()) {
            throw new IllegalArgumentException("'hostnamePrefix' must be a lower-case label of at most " + MAX_PREFIX
                    + " characters, got '" + prefix + "'");
        }
        if (constraints != null) {
            checkConstraint("datacenter", constraints.datacenter());
            checkConstraint("hardwareClass", constraints.hardwareClass());
        }
        return new NewRequest(ref, count, environment, prefix, constraints == null ? PlacementConstraints.NONE : constraints);
    }

    private static void checkConstraint(String field, String value) {
        if (value != null && !CONSTRAINT.matcher(value).matches()) {
            throw new IllegalArgumentException("'constraints." + field + "' must be 1 to 63 letters, digits, '.', '_'"
                    + " or '-', got '" + (value.length() > 70 ? value.substring(0, 70) + "...'" : value + "'"));
        }
    }

    /** {@code releng-talos-linux64} names its machines {@code talos-linux64-NNNN}. */
    static String defaultPrefix(String imageName) {
        String base = imageName.startsWith("releng-") ? imageName.substring("releng-".length()) : imageName;
        base = base.replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-").replaceAll("^-|-$", "");
        return base.length() > MAX_PREFIX ? base.substring(0, MAX_PREFIX).replaceAll("-$", "") : base;
    }

    /** Whether another submission asks for the same thing (for idempotent retries). */
    public boolean sameAs(String otherImage, String otherVersion, int otherCount, String otherEnvironment) {
        return image.name().equals(otherImage)
                && java.util.Objects.equals(image.version(), otherVersion)
                && count == otherCount
                && appEnvironment.equals(otherEnvironment);
    }
}
