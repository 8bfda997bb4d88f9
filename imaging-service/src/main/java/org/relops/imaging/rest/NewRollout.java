package org.relops.imaging.rest;

/**
 * Body of {@code POST /v1/rollouts}: the image, the version to roll out ({@code imageVersion}, a number; left out or
 * null, the newest built one), an application environment to limit it to (optional) and the share of machines
 * reimaged first.
 */
public record NewRollout(String image, Integer imageVersion, String appEnvironment, Integer firstPercent) {
}
