package org.relops.imaging.rest;

import java.time.OffsetDateTime;

import org.relops.imaging.Image;
import org.relops.imaging.ImageVersion;

/** An image as the API shows it, with the version {@code latest} currently means. */
public record ImageView(String name, String description, Integer latestVersion, OffsetDateTime createdAt) {

    static ImageView of(Image image) {
        Integer latest = ImageVersion.findLatestReady(image.name).map(version -> version.number).orElse(null);
        return new ImageView(image.name, image.description, latest, image.createdAt);
    }
}
