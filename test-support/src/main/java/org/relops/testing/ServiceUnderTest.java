package org.relops.testing;

import org.eclipse.microprofile.config.ConfigProvider;

/** Where the service a {@code @QuarkusTest} started answers. */
public final class ServiceUnderTest {

    private ServiceUnderTest() {
    }

    /** {@code http://localhost:<port>}, on the port Quarkus took ({@code quarkus.http.test-port}). */
    public static String baseUrl() {
        // Quarkus publishes the port it took as a system property; its config is not visible from every test's
        // class loader.
        String port = System.getProperty("quarkus.http.test-port");
        if (port == null) {
            port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", String.class);
        }
        return "http://localhost:" + port;
    }
}
