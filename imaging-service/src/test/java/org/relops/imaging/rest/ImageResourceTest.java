package org.relops.imaging.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.relops.imaging.ListPages;
import org.relops.imaging.OnTheBus;
import org.relops.imaging.SshServerPins;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ImageResourceTest {

    static final String SEED_IMAGE = "releng-talos-linux64";
    static final String KERNEL_SHA = "e0061f95dbe31f5646e5a29ba9a62293f6b625a70e81fc2b04344d8ab7589c34";
    static final String BUSYBOX_SHA = "3d3fdbe91d4660c873e14b092c213fe81c1da6362daa236eb25d0171eb108744";

    static Map<String, Object> version(String role, String kernelSha) {
        return Map.of("role", role,
                "kernel", Map.of("name", "linux-image-6.1.0-47-amd64", "version", "6.1.170-3", "sha256", kernelSha),
                "busybox", Map.of("name", "busybox-static", "version", "1:1.35.0-4+deb12u1+b1", "sha256", BUSYBOX_SHA));
    }

    static String newImage() {
        String name = "test-image-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("name", name, "description", "for a test"))
                .post("/v1/images").then().statusCode(201);
        return name;
    }

    @Test
    void shouldListTheSeedImageWithItsFirstVersion() {
        given().queryParam("size", 1000).get("/v1/images").then().statusCode(200)
                .body("items.name", hasItem(SEED_IMAGE));
        given().get("/v1/images/" + SEED_IMAGE + "/versions").then().statusCode(200)
                .body("items[0].version", equalTo(1))
                .body("items[0].role", equalTo("buildbot-slave"))
                .body("items[0].inputs.kind", hasItem("kernel"));
    }

    @Test
    void shouldListImagesByNameOnePageAtATime() {
        String one = newImage();
        String other = newImage();

        List<String> names = ListPages.all("/v1/images").getList("items.name");
        assertThat(names, hasItems(one, other));
        assertThat("by name", names.indexOf(one) < names.indexOf(other), equalTo(one.compareTo(other) < 0));
        ListPages.assertPagesThrough("/v1/images", "name");
    }

    @Test
    void shouldListAnImagesVersionsByNumberOnePageAtATime() {
        String image = newImage();
        given().contentType(ContentType.JSON).body(version("buildbot-slave", KERNEL_SHA))
                .post("/v1/images/" + image + "/versions").then().statusCode(201);
        given().contentType(ContentType.JSON).body(version("buildbot-master", KERNEL_SHA))
                .post("/v1/images/" + image + "/versions").then().statusCode(201);
        OnTheBus.awaitBuilt(image, "1");
        OnTheBus.awaitBuilt(image, "2");

        String path = "/v1/images/" + image + "/versions";
        given().get(path).then().statusCode(200)
                .body("total", equalTo(2)).body("page", equalTo(0)).body("size", equalTo(100))
                .body("items.version", equalTo(List.of(1, 2)))
                .body("items.role", equalTo(List.of("buildbot-slave", "buildbot-master")))
                .body("items.state", everyItem(equalTo("ready")))
                .body("items[0].inputs.kind", equalTo(List.of("kernel", "busybox")));
        ListPages.assertPagesThrough(path, "version");
        given().get("/v1/images/no-such-image/versions").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldKeepOldVersionsWhileLatestMovesToTheNewest() {
        String image = newImage();
        given().contentType(ContentType.JSON).body(version("buildbot-slave", KERNEL_SHA))
                .post("/v1/images/" + image + "/versions").then().statusCode(201).body("version", equalTo(1));
        given().contentType(ContentType.JSON).body(version("buildbot-master", KERNEL_SHA))
                .post("/v1/images/" + image + "/versions").then().statusCode(201).body("version", equalTo(2));

        OnTheBus.awaitBuilt(image, "1");
        OnTheBus.awaitBuilt(image, "2");
        given().get("/v1/images/" + image + "/versions/latest").then().statusCode(200)
                .body("version", equalTo(2)).body("state", equalTo("ready"));
        given().get("/v1/images/" + image + "/versions/1").then().statusCode(200)
                .body("role", equalTo("buildbot-slave")).body("digest", startsWith("sha256:"));
        given().get("/v1/images/" + image).then().statusCode(200).body("latestVersion", equalTo(2));
    }

    static Map<String, Object> versionWithSshServer(Map<String, Object> sshServer) {
        Map<String, Object> body = new java.util.HashMap<>(version("buildbot-slave", KERNEL_SHA));
        body.put("sshServer", sshServer);
        return body;
    }

    static Map<String, Object> sshServerWith(String field, Object value) {
        Map<String, Object> server = new java.util.HashMap<>(SshServerPins.json());
        server.put(field, value);
        return server;
    }

    @Test
    void shouldPinTheSshServerAndItsLibrariesOfAVersion() {
        String image = newImage();
        given().contentType(ContentType.JSON).body(versionWithSshServer(SshServerPins.json()))
                .post("/v1/images/" + image + "/versions").then().statusCode(201)
                .body("inputs.kind", equalTo(List.of("kernel", "busybox", "ssh_server", "shared_library",
                        "shared_library", "shared_library", "shared_library", "shared_library", "shared_library")))
                .body("inputs[2].name", equalTo("dropbear-bin"))
                .body("inputs[3].name", equalTo("libc6"));
    }

    @Test
    void shouldListTheSeedImageWithItsSshServer() {
        given().get("/v1/images/" + SEED_IMAGE + "/versions/1").then().statusCode(200)
                .body("inputs.kind", hasItems("ssh_server", "shared_library"))
                .body("inputs.name", hasItems("dropbear-bin", "libc6", "libcrypt1", "libtomcrypt1", "libtommath1",
                        "libgmp10", "zlib1g"));
    }

    @Test
    void shouldRefuseADescriptionLongerThanTheCatalogueKeepsNamingTheField() {
        String name = "test-image-" + UUID.randomUUID().toString().substring(0, 8);

        given().contentType(ContentType.JSON).body(Map.of("name", name, "description", "x".repeat(501)))
                .post("/v1/images").then().statusCode(400)
                .body("detail", equalTo("description must be at most 500 characters, not 501"));
        given().get("/v1/images/" + name).then().statusCode(404);
    }

    @Test
    void shouldRefuseAnSshServerThatIsNotDropbear() {
        given().contentType(ContentType.JSON).body(versionWithSshServer(sshServerWith("name", "openssh-server")))
                .post("/v1/images/" + newImage() + "/versions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("sshServer.name must be dropbear-bin (the boot agent runs dropbear)"));
    }

    @Test
    void shouldRefuseAnSshServerWithoutItsLibraries() {
        given().contentType(ContentType.JSON).body(versionWithSshServer(sshServerWith("libraries", List.of())))
                .post("/v1/images/" + newImage() + "/versions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("sshServer.libraries is missing"));
    }

    @Test
    void shouldSayWhichLibraryPinOfTheSshServerIsMalformed() {
        List<Object> libraries = new java.util.ArrayList<>((List<?>) SshServerPins.json().get("libraries"));
        libraries.set(2, Map.of("name", "libtomcrypt1", "version", "1.18.2-6", "sha256", "abc"));
        given().contentType(ContentType.JSON).body(versionWithSshServer(sshServerWith("libraries", libraries)))
                .post("/v1/images/" + newImage() + "/versions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("sshServer.libraries[2].sha256 must be 64 hex digits"));
    }

    @Test
    void shouldRefuseALibraryPinnedTwice() {
        List<Object> libraries = new java.util.ArrayList<>((List<?>) SshServerPins.json().get("libraries"));
        libraries.add(libraries.get(0));
        given().contentType(ContentType.JSON).body(versionWithSshServer(sshServerWith("libraries", libraries)))
                .post("/v1/images/" + newImage() + "/versions").then().statusCode(400)
                .body("detail", equalTo("sshServer.libraries pins libc6 twice"));
    }

    @Test
    void shouldRefuseAnSshServerPinOfTheWrongShape() {
        given().contentType(ContentType.JSON).body(versionWithSshServer(sshServerWith("libraries", "libc6")))
                .post("/v1/images/" + newImage() + "/versions").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(versionWithSshServer(sshServerWith("version", "not a version")))
                .post("/v1/images/" + newImage() + "/versions").then().statusCode(400)
                .body("detail", equalTo("sshServer.version 'not a version' is not a Debian package version"));
    }

    @Test
    void shouldRefuseAnImageNameThatIsNotLowerCase() {
        given().contentType(ContentType.JSON).body(Map.of("name", "Not Valid"))
                .post("/v1/images").then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", containsString("lower-case"));
    }

    @Test
    void shouldRefuseAnImageThatExistsAlready() {
        String image = newImage();
        given().contentType(ContentType.JSON).body(Map.of("name", image))
                .post("/v1/images").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("exists already"));
    }

    @Test
    void shouldRefuseAVersionWhoseSha256IsNotHex() {
        String image = newImage();
        given().contentType(ContentType.JSON).body(version("buildbot-slave", "not-a-digest"))
                .post("/v1/images/" + image + "/versions").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("kernel.sha256"));
    }

    @Test
    void shouldRefuseAVersionWithoutKernel() {
        String image = newImage();
        given().contentType(ContentType.JSON).body(Map.of("role", "buildbot-slave"))
                .post("/v1/images/" + image + "/versions").then().statusCode(400)
                .body("detail", containsString("kernel is missing"));
    }

    @Test
    void shouldRefuseAnUnknownFieldInTheBody() {
        given().contentType(ContentType.JSON).body(Map.of("name", "fine-name", "colour", "blue"))
                .post("/v1/images").then().statusCode(400).body("detail", containsString("colour"));
    }

    @Test
    void shouldRefuseABodyThatIsNotJson() {
        given().contentType(ContentType.JSON).body("{not json")
                .post("/v1/images").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldNotFindAnUnknownImageOrVersion() {
        given().get("/v1/images/no-such-image").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no-such-image"));
        given().get("/v1/images/" + SEED_IMAGE + "/versions/999").then().statusCode(404)
                .body("detail", containsString("999"));
        given().get("/v1/images/" + SEED_IMAGE + "/versions/abc").then().statusCode(404);
    }

    @Test
    void shouldRefuseARealVersionWhoseBaseOrRoleTheImagesDirectoryDoesNotHave() {
        given().contentType(ContentType.JSON).body(Map.of("role", "buildbot-slave", "base", "no-such-base"))
                .post("/v1/images/" + SEED_IMAGE + "/versions").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("there is no base 'no-such-base'"));
        given().contentType(ContentType.JSON).body(Map.of("role", "no-such-role", "base", "bookworm-slave"))
                .post("/v1/images/" + SEED_IMAGE + "/versions").then().statusCode(400)
                .body("detail", containsString("there is no role 'no-such-role'"));
        given().contentType(ContentType.JSON).body(Map.of("role", "buildbot-slave", "base", "bookworm-slave",
                "busybox", Map.of("version", "1", "sha256", "a".repeat(64))))
                .post("/v1/images/" + SEED_IMAGE + "/versions").then().statusCode(400)
                .body("detail", containsString("give either base, or kernel and busybox"));
    }
}
