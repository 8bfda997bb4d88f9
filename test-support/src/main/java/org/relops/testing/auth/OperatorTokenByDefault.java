package org.relops.testing.auth;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.specification.RequestSpecification;

/**
 * Gives every RestAssured call of a {@code @QuarkusTest} the operator's token unless it sets an
 * {@code Authorization} header of its own, so that a test of what an operation does is not a test of
 * access (those are {@link AccessCheck}'s and each service's own).
 */
public class OperatorTokenByDefault implements QuarkusTestBeforeEachCallback {

    /** Marks a call that must go without any token ({@link #anonymously()}). */
    private static final String ANONYMOUS = "X-Relops-Test-Anonymous";

    private static final Filter OPERATOR = (request, response, context) -> {
        if (request.getHeaders().hasHeaderWithName(ANONYMOUS)) {
            request.removeHeader(ANONYMOUS);
        } else if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + TestTokens.operator());
        }
        return context.next(request, response);
    };

    /** A call without a token, as anybody on the network would make it. */
    public static RequestSpecification anonymously() {
        return RestAssured.given().header(ANONYMOUS, "true");
    }

    /** A call with this token instead of the operator's. */
    public static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(OPERATOR)) {
            RestAssured.filters(OPERATOR);
        }
    }
}
