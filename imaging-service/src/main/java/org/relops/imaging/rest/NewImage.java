package org.relops.imaging.rest;

/** Body of {@code POST /v1/images}. */
public record NewImage(String name, String description) {
}
