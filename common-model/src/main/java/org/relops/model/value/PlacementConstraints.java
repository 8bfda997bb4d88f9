package org.relops.model.value;

/**
 * What a request asks of the systems it lands on. Every field is optional: {@code null} means
 * "any".
 */
public record PlacementConstraints(String datacenter, Spread spread, String hardwareClass) {

    public static final PlacementConstraints NONE = new PlacementConstraints(null, Spread.NONE, null);

    public PlacementConstraints {
        spread = spread == null ? Spread.NONE : spread;
    }
}
