package org.relops.imaging.service;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.imaging.ImageVersion;
import org.relops.imaging.VersionState;
import org.relops.imaging.build.BuildException;
import org.relops.imaging.Recipe;
import org.relops.imaging.build.RootfsImageBuilder;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Builds image versions, one at a time, off the request thread: a new version once it is recorded, a
 * version a crash left BUILDING, and the artifacts of a built version that went missing (rebuilt, and
 * checked to give the digest recorded for it).
 */
@ApplicationScoped
public class ImageBuilds {

    private static final Logger LOG = Logger.getLogger(ImageBuilds.class);

    @Inject
    ArtifactStore artifacts;

    @Inject
    BackgroundWork work;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    MeterRegistry metrics;

    @Transactional(Transactional.TxType.MANDATORY)
    public void buildAfterCommit(Long versionId) {
        work.afterCommit(transactions, BackgroundWork.Lane.BUILD, "building version " + versionId,
                () -> build(versionId));
    }

    void onStart(@Observes StartupEvent event) {
        List<Long> unfinished = QuarkusTransaction.requiringNew().call(() -> ImageVersion
                .<ImageVersion>list("state", VersionState.BUILDING).stream().map(version -> version.id).toList());
        unfinished.forEach(id -> work.submit(BackgroundWork.Lane.BUILD, "building version " + id, () -> build(id)));
        List<Long> missing = QuarkusTransaction.requiringNew().call(() -> ImageVersion
                .<ImageVersion>list("state", VersionState.READY).stream()
                .filter(version -> !artifacts.has(version)).map(version -> version.id).toList());
        missing.forEach(id -> work.submit(BackgroundWork.Lane.BUILD, "rebuilding version " + id, () -> build(id)));
    }

    /** Builds a version and records the outcome: READY with its digest, or FAILED with the reason. */
    public void build(Long versionId) {
        ImageVersion version = QuarkusTransaction.requiringNew().call(() -> {
            ImageVersion found = ImageVersion.findById(versionId);
            found.inputs.size();
            return found;
        });
        if (version.state == VersionState.READY && artifacts.has(version)) {
            return;
        }
        long started = System.nanoTime();
        try {
            Path target = artifacts.newBuildTarget();
            String digest;
            String rootSha256;
            if (version.recipe == Recipe.ROOTFS) {
                LOG.infof("building %s (base %s, role %s); progress in %s", version.label(), version.base,
                        version.role, artifacts.buildLog(version));
                RootfsImageBuilder.BuiltRoot root = artifacts.rootfsBuilder().build(version.role, version.base,
                        version.suite, version.architecture, version.inputs, target, artifacts.buildLog(version));
                digest = root.digest();
                rootSha256 = root.rootSha256();
            } else {
                digest = artifacts.builder().build(version.role, version.inputs, target).digest();
                rootSha256 = null;
            }
            if (version.state == VersionState.READY && !digest.equals(version.digest)) {
                throw new BuildException("rebuilding " + version.label() + " gave " + digest
                        + " instead of its recorded " + version.digest + "; its inputs or the recipe changed");
            }
            artifacts.keep(digest, target);
            QuarkusTransaction.requiringNew().run(() -> ready(versionId, digest, rootSha256));
            LOG.infof("built %s: %s in %d ms", version.label(), digest, (System.nanoTime() - started) / 1_000_000);
            metrics.counter("relops.imaging.builds", "outcome", "built").increment();
        } catch (BuildException e) {
            LOG.warnf("building %s failed: %s", version.label(), e.getMessage());
            metrics.counter("relops.imaging.builds", "outcome", "failed").increment();
            if (version.state != VersionState.READY) {
                QuarkusTransaction.requiringNew().run(() -> failed(versionId, e.getMessage()));
            }
        }
    }

    private static void ready(Long versionId, String digest, String rootSha256) {
        ImageVersion version = ImageVersion.findById(versionId);
        if (version.state != VersionState.READY) {
            version.state = VersionState.READY;
            version.digest = digest;
            version.rootSha256 = rootSha256;
            version.builtAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
    }

    private static void failed(Long versionId, String reason) {
        ImageVersion version = ImageVersion.findById(versionId);
        version.state = VersionState.FAILED;
        version.buildError = reason;
    }
}
