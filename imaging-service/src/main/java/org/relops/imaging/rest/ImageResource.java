package org.relops.imaging.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;
import org.relops.imaging.ImageVersion;
import org.relops.imaging.service.ImageCatalogue;
import org.relops.imaging.build.BuildException;
import org.relops.imaging.service.PinnedInputs;
import org.relops.imaging.service.RealImagePins;
import org.relops.model.value.ImageRef;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;
import org.relops.support.rest.ProblemException;

/** The image catalogue over REST: images, their immutable versions, and {@code latest}. */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {

    @Inject
    ImageCatalogue catalogue;

    @Inject
    RealImagePins realPins;

    @GET
    @Operation(summary = "Lists the images, by name, one page at a time")
    public ListPage<ImageView> listImages(@BeanParam PageParams page) {
        return ListPage.of(catalogue.findImages(), page, ImageView::of);
    }

    /** As long as the catalogue's column allows. */
    static final int MAX_DESCRIPTION = 500;

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Operation(summary = "Creates an image (without versions)")
    public Response createImage(NewImage body) {
        if (body == null) {
            throw ProblemException.badRequest("a body {\"name\": ..., \"description\": ...} is required");
        }
        String name = validName(body.name());
        if (body.description() != null && body.description().length() > MAX_DESCRIPTION) {
            throw ProblemException.badRequest("description must be at most " + MAX_DESCRIPTION + " characters, not "
                    + body.description().length());
        }
        ImageView created = ImageView.of(catalogue.createImage(name, body.description()));
        return Response.created(URI.create("/v1/images/" + name)).entity(created).build();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Shows one image")
    public ImageView getImage(@PathParam("name") String name) {
        return catalogue.findImage(name).map(ImageView::of)
                .orElseThrow(() -> ProblemException.notFound("no image '" + name + "'"));
    }

    @GET
    @Path("/{name}/versions")
    @Operation(summary = "Lists an image's versions by number, oldest first, one page at a time")
    public ListPage<VersionView> listVersions(@PathParam("name") String name, @BeanParam PageParams page) {
        getImage(name);
        return ListPage.of(catalogue.findVersions(name), page, VersionView::of);
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{name}/versions")
    @Operation(summary = "Adds a version (the next number) pinning its inputs; it is built at once")
    public Response addVersion(@PathParam("name") String name, NewVersion body) {
        if (body == null) {
            throw ProblemException.badRequest("a body {\"role\": ..., \"base\": ...} (a real image) or {\"role\": "
                    + "\"bare\", \"kernel\": {...}, \"busybox\": {...}} (a netboot image) is required");
        }
        ImageVersion version;
        try {
            if (body.base() != null) {
                if (body.kernel() != null || body.busybox() != null || body.sshServer() != null) {
                    throw new IllegalArgumentException("a real image's base pins its kernel, busybox and every "
                            + "package: give either base, or kernel and busybox (a netboot image), not both");
                }
                RealImagePins.Pins pins = realPins.of(body.role(), body.base());
                version = catalogue.addVersion(name, body.role(), pins.inputs(), pins.base());
            } else {
                version = catalogue.addVersion(name, body.role(),
                        PinnedInputs.of(body.role(), body.kernel(), body.busybox(), body.sshServer()));
            }
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        } catch (BuildException e) {
            throw ProblemException.unprocessable("cannot pin the version: " + e.getMessage());
        }
        return Response.created(URI.create("/v1/images/" + name + "/versions/" + version.number))
                .entity(VersionView.of(version)).build();
    }

    @GET
    @Path("/{name}/versions/{version}")
    @Operation(summary = "Shows one version, by number or 'latest' (the newest built one)")
    public VersionView getVersion(@PathParam("name") String name, @PathParam("version") String version) {
        getImage(name);
        return catalogue.findVersion(name, version).map(VersionView::of)
                .orElseThrow(() -> ProblemException.notFound("image '" + name + "' has no version '" + version + "'"
                        + (ImageCatalogue.LATEST.equals(version) ? " (no version is built yet)" : "")));
    }

    private static String validName(String name) {
        try {
            return new ImageRef(name, null).name();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }
}
