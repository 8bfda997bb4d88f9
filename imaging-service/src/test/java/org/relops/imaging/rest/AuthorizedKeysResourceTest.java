package org.relops.imaging.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.relops.imaging.TestOperatorKey;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuthorizedKeysResourceTest {

    @Test
    void shouldServeTheOperatorsPublicKeyToMachinesAndNothingElse() throws IOException {
        given().get("/boot/authorized-keys").then().statusCode(200).contentType(containsString("text/plain"))
                .body(equalTo(Files.readString(TestOperatorKey.PUBLIC_KEY).strip() + "\n"))
                .body(not(containsString("PRIVATE")));
    }
}
