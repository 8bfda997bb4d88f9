package org.relops.imaging.rest;

import java.time.OffsetDateTime;
import java.util.List;

import org.relops.imaging.ImageInput;
import org.relops.imaging.ImageVersion;
import org.relops.imaging.VersionState;

/** An image version as the API shows it. */
public record VersionView(
        String image,
        int version,
        String role,
        String recipe,
        String base,
        String suite,
        String architecture,
        VersionState state,
        String digest,
        List<InputView> inputs,
        String buildError,
        OffsetDateTime createdAt,
        OffsetDateTime builtAt) {

    static VersionView of(ImageVersion version) {
        return new VersionView(version.imageName, version.number, version.role, version.recipe.label(), version.base,
                version.suite, version.architecture, version.state, version.digest,
                version.inputs.stream().map(InputView::of).toList(), version.buildError, version.createdAt,
                version.builtAt);
    }

    /** One pinned input. */
    public record InputView(String kind, String name, String version, String architecture, String sha256) {

        static InputView of(ImageInput input) {
            return new InputView(input.kind.name().toLowerCase(java.util.Locale.ROOT), input.packageName,
                    input.packageVersion, input.architecture, input.sha256);
        }
    }
}
