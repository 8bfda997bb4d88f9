package org.relops.imaging;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * One immutable version of an image: its role and the binary inputs it pins. Its digest names the
 * built artifacts; versions are never changed or deleted, so an old one stays bootable.
 */
@Entity
@Table(name = "image_version")
public class ImageVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "image_name", nullable = false)
    public String imageName;

    @Column(nullable = false)
    public int number;

    @Column(nullable = false)
    public String role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Recipe recipe = Recipe.NETBOOT;

    /** A real image's base: the lock it was made from ({@code bookworm-slave}), its suite and architecture. */
    public String base;

    public String suite;

    public String architecture;

    /** The sha256 of a real image's root file system (what its initramfs checks before it mounts it). */
    @Column(name = "root_sha256")
    public String rootSha256;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VersionState state;

    public String digest;

    @Column(name = "build_error")
    public String buildError;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "image_input", joinColumns = @JoinColumn(name = "version_id"))
    @OrderColumn(name = "position")
    public List<ImageInput> inputs = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "built_at")
    public OffsetDateTime builtAt;

    public static List<ImageVersion> listOf(String imageName) {
        return findAllOf(imageName).list();
    }

    /** An image's versions, oldest (lowest number) first. */
    public static PanacheQuery<ImageVersion> findAllOf(String imageName) {
        return find("imageName = ?1 order by number", imageName);
    }

    public static Optional<ImageVersion> findVersion(String imageName, int number) {
        return find("imageName = ?1 and number = ?2", imageName, number).firstResultOptional();
    }

    /**
     * What {@code latest} means: the newest built version that no rollout holds back. A version whose rollout is
     * still running, or halted, is not latest (new machines, reboots and replacements keep booting the version
     * before it) until a rollout of it completes; a version nobody rolled out is latest once it is built.
     */
    public static Optional<ImageVersion> findLatestReady(String imageName) {
        return getEntityManager().createQuery("select v from ImageVersion v where v.imageName = ?1 and v.state = ?2"
                + " and (not exists (select r.id from Rollout r where r.imageName = v.imageName"
                + " and r.imageVersion = v.number and r.state in ?3)"
                + " or exists (select r.id from Rollout r where r.imageName = v.imageName"
                + " and r.imageVersion = v.number and r.state = ?4))"
                + " order by v.number desc", ImageVersion.class)
                .setParameter(1, imageName).setParameter(2, VersionState.READY)
                .setParameter(3, RolloutState.HELD_BACK).setParameter(4, RolloutState.COMPLETED)
                .setMaxResults(1).getResultStream().findFirst();
    }

    public static Optional<ImageVersion> findByDigest(String digest) {
        return find("digest = ?1 and state = ?2", digest, VersionState.READY).firstResultOptional();
    }

    public static int nextNumber(String imageName) {
        Integer highest = getEntityManager()
                .createQuery("select max(v.number) from ImageVersion v where v.imageName = ?1", Integer.class)
                .setParameter(1, imageName)
                .getSingleResult();
        return highest == null ? 1 : highest + 1;
    }

    public Optional<ImageInput> input(InputKind kind) {
        return inputs.stream().filter(input -> input.kind == kind).findFirst();
    }

    public String label() {
        return imageName + ":" + number;
    }
}
