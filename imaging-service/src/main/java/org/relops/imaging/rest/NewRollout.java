package org.relops.imaging.rest;

/**
 * Body of {@code POST /v1/rollouts}: the image, the version to roll out (a number or {@code latest}),
 * an application environment to limit it to (optional) and the share of machines reimaged first.
 */
public record NewRollout(String image, String version, String appEnvironment, Integer firstPercent) {
}
