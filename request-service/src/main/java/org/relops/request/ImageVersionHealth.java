package org.relops.request;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * How an image version has been booting: failures in a row, and whether it is suspect (too many
 * in a row; automatic replacement of its machines has stopped until an operator clears it).
 */
@Entity
@Table(name = "image_version_health")
public class ImageVersionHealth extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(nullable = false)
    public boolean suspect;

    @Column(name = "last_reason")
    public String lastReason;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The row for an image version, locked for update; created if it does not exist yet. */
    public static ImageVersionHealth lockedFor(String image, String version) {
        Key key = new Key(image, version);
        ImageVersionHealth health = findById(key, LockModeType.PESSIMISTIC_WRITE);
        if (health == null) {
            health = new ImageVersionHealth();
            health.key = key;
            health.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            health.persistAndFlush();
        }
        return health;
    }

    public void touch() {
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Image name and version. */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "image")
        public String image;

        @Column(name = "image_version")
        public String imageVersion;

        protected Key() {
        }

        public Key(String image, String imageVersion) {
            this.image = image;
            this.imageVersion = imageVersion;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.image.equals(image) && key.imageVersion.equals(imageVersion);
        }

        @Override
        public int hashCode() {
            return Objects.hash(image, imageVersion);
        }
    }
}
