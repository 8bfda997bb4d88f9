package org.relops.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.relops.cli.TablePrinter.Column;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code relops images [NAME]}: the image catalogue, or one image's versions. */
@Command(name = "images", mixinStandardHelpOptions = true, subcommands = ImageBuildCommand.class,
        description = {"List the images and their latest versions, or with NAME that image's versions.",
                "relops images build NAME --role ROLE --base BASE [--wait] adds and builds the next version."})
public class ImagesCommand implements Callable<Integer> {

    static final List<Column> IMAGES = List.of(new Column("NAME", "name"), new Column("LATEST", "latestVersion"),
            new Column("CREATED", "createdAt"), new Column("DESCRIPTION", "description"));
    static final List<Column> VERSIONS = List.of(new Column("VERSION", "version"), new Column("STATE", "state"),
            new Column("ROLE", "role"), new Column("BASE", "base"), new Column("DIGEST", "digest"),
            new Column("CREATED", "createdAt"));

    @Mixin
    ServiceOptions service;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "an image: list its versions")
    String name;

    @Override
    public Integer call() {
        return Commands.run(() -> {
            ApiClient imaging = service.client(ServiceOptions.Service.imaging);
            if (name == null) {
                TablePrinter.print(service, imaging.list("/v1/images"), IMAGES, "no images");
            } else {
                TablePrinter.print(service, imaging.list("/v1/images/" + Commands.pathSegment(name) + "/versions"),
                        VERSIONS, "image " + name + " has no versions");
            }
            return RequestCommand.OK;
        });
    }
}
