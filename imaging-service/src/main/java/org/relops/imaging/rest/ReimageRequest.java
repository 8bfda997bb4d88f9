package org.relops.imaging.rest;

/** Body of {@code POST /v1/machines/{hostname}/reimage}: a version to pin, or none for the newest built one. */
public record ReimageRequest(String version) {
}
