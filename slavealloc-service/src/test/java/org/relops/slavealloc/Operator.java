package org.relops.slavealloc;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.relops.testing.auth.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** What tests do as an operator and as a slave, over the service's HTTP API. */
public final class Operator {

    /** A token of the tests' RelOps environment with the operator role. */
    public static final String TOKEN = TestTokens.operator();

    private Operator() {
    }

    public static RequestSpecification operator() {
        return given().auth().oauth2(TOKEN).contentType(ContentType.JSON);
    }

    public static void updateSlave(String slave, Map<String, Object> fields) {
        operator().body(fields).when().put("/api/slaves/" + slave + "?byname=1").then().statusCode(200);
    }

    public static void updateMaster(String master, Map<String, Object> fields) {
        operator().body(fields).when().put("/api/masters/" + master + "?byname=1").then().statusCode(200);
    }

    public static JsonPath slave(String name) {
        return given().when().get("/api/slaves/" + name + "?byname=1").then().statusCode(200).extract().jsonPath();
    }

    /** The master the slave is recorded on, or null. */
    public static String currentMaster(String slave) {
        return slave(slave).getString("current_master");
    }

    /** Fetches a slave's tac as the slave would, expecting one; returns the master host it names. */
    public static String gettacMasterHost(String slave) {
        String tac = given().when().get("/gettac/" + slave).then().statusCode(200).extract().asString();
        return Tacs.masterHost(tac);
    }
}
