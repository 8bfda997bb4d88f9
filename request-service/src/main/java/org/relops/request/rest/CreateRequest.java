package org.relops.request.rest;

import org.relops.model.value.PlacementConstraints;

/** The body of {@code POST /v1/requests}. */
public record CreateRequest(
        String image,
        Integer count,
        String appEnvironment,
        String hostnamePrefix,
        PlacementConstraints constraints) {
}
