package org.relops.imaging;

import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;

/** A named image ({@code releng-talos-linux64}); what it boots is in its versions. */
@Entity
@Table(name = "image")
public class Image extends PanacheEntityBase {

    @Id
    public String name;

    public String description;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public static Optional<Image> findByName(String name) {
        return findByIdOptional(name);
    }

    /** Every image, by name. */
    public static PanacheQuery<Image> findAllByName() {
        return find("order by name");
    }
}
