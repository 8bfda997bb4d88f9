package org.relops.imaging.rest;

/**
 * Body of {@code POST /v1/machines/{hostname}/reimage}: the image version to pin ({@code imageVersion}, a number), or
 * none for the newest built one.
 */
public record ReimageRequest(Integer imageVersion) {
}
