package org.relops.imaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;

/**
 * Images made through the API for a test, with versions that pin the seed's kernel and busybox (and, for
 * images with an SSH server, the seed's dropbear and its libraries).
 */
public final class ImageFixtures {

    public static final String KERNEL_SHA = "e0061f95dbe31f5646e5a29ba9a62293f6b625a70e81fc2b04344d8ab7589c34";
    public static final String BUSYBOX_SHA = "3d3fdbe91d4660c873e14b092c213fe81c1da6362daa236eb25d0171eb108744";

    private ImageFixtures() {
    }

    /** A new image, with one built version per role (1, 2, ...): the versions differ only by role. */
    public static String imageWithVersions(String prefix, String... roles) {
        return image(prefix, false, roles);
    }

    /** A new image whose versions (one per role, built) have the SSH server. */
    public static String imageWithSshServer(String prefix, String... roles) {
        return image(prefix, true, roles);
    }

    private static String image(String prefix, boolean sshServer, String... roles) {
        String image = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("name", image)).post("/v1/images").then().statusCode(201);
        for (String role : roles) {
            addVersion(image, role, sshServer);
        }
        return image;
    }

    /** Adds a version with that role and waits until it is built; returns its number. */
    public static int addVersion(String image, String role) {
        return addVersion(image, role, false);
    }

    /** Adds a version with that role, with or without the SSH server, and waits until it is built. */
    public static int addVersion(String image, String role, boolean sshServer) {
        Map<String, Object> body = new HashMap<>(Map.of("role", role,
                "kernel", Map.of("name", "linux-image-6.1.0-47-amd64", "version", "6.1.170-3", "sha256", KERNEL_SHA),
                "busybox", Map.of("name", "busybox-static", "version", "1:1.35.0-4+deb12u1+b1",
                        "sha256", BUSYBOX_SHA)));
        if (sshServer) {
            body.put("sshServer", SshServerPins.json());
        }
        int number = given().contentType(ContentType.JSON).body(body)
                .post("/v1/images/" + image + "/versions").then().statusCode(201).extract().path("version");
        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> given()
                .get("/v1/images/" + image + "/versions/" + number).then().body("state", equalTo("ready")));
        return number;
    }

    public static String digestOf(String image, int version) {
        return given().get("/v1/images/" + image + "/versions/" + version).then().statusCode(200)
                .extract().path("digest");
    }
}
