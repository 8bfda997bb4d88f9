package org.relops.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.relops.model.auth.Roles;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The live dashboard in a real browser (Debian's headless chromium, driven through chromedriver): signed in with a
 * viewer's token, the open page shows a request's machines appear and turn READY, then the request decommissioned,
 * all without a reload; and a page without a token asks for one. It saves a screenshot
 * ({@code e2e-tests/target/dashboard.png}).
 */
class DashboardEndToEndTest {

    private static final Duration FLOW = Duration.ofSeconds(90);
    private static final String IMAGE = "relops-bare";

    private static RelopsStack stack;
    private static ServiceProcess dashboard;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        stack = RelopsStack.shared();
        dashboard = stack.dashboard();
        browser = headlessChromium();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldShowARequestsMachinesTurnReadyThenDecommissionedWithoutAReload() throws IOException {
        signIn(stack.token("e2e-dashboard-viewer", Roles.VIEWER));
        long loadedAt = pageStamp();

        String id = given().contentType(ContentType.JSON)
                .body("{\"image\":\"" + IMAGE + "\",\"count\":2,\"appEnvironment\":\"production\","
                        + "\"constraints\":{\"hardwareClass\":\"simulated\"}}")
                .post(stack.url("request-service") + "/v1/requests").then().statusCode(202).extract().path("id");

        String request = "[data-request='" + id + "']";
        String machines = request + " .chip";
        await("two machines of the request ready on the page").atMost(FLOW).pollInterval(Duration.ofMillis(250))
                .until(() -> attributes(machines, "data-state").equals(List.of("ready", "ready")));
        List<String> hostnames = attributes(machines, "data-hostname");
        JsonPath fulfilled = given().get(stack.url("request-service") + "/v1/requests/" + id).then().statusCode(200)
                .extract().jsonPath();
        for (String hostname : hostnames) {
            String row = "#machines tr[data-hostname='" + hostname + "']";
            assertEquals(List.of("ready"), attributes(row, "data-state"));
            String address = fulfilled.getString("machines.find { it.hostname == '" + hostname + "' }.address");
            assertEquals(List.of(address), texts(row + " td.address"), "the machine's address is shown");
        }
        String system = fulfilled.getString("machines[0].systemName");
        await("the machine's system in the rack map").atMost(FLOW).until(() -> attributes(
                "#racks [data-system='" + system + "']", "data-state").equals(List.of("ready")));
        screenshot(Path.of("target/dashboard.png"));

        given().delete(stack.url("request-service") + "/v1/requests/" + id).then().statusCode(202);
        await("the request decommissioned on the page").atMost(FLOW).pollInterval(Duration.ofMillis(250))
                .until(() -> attributes(request, "data-state").equals(List.of("decommissioned")));
        assertEquals(List.of("decommissioned", "decommissioned"), attributes(machines, "data-state"));
        for (String hostname : hostnames) {
            assertEquals(List.of(), attributes("#machines tr[data-hostname='" + hostname + "']", "data-state"),
                    hostname + " left the live machines");
        }
        await("the decommission among the latest events").atMost(FLOW)
                .until(() -> !attributes("#events li[data-type='request.decommissioned']", "data-type").isEmpty());
        assertEquals(loadedAt, pageStamp(), "the page was updated in place, never reloaded");
    }

    @Test
    void shouldAskForATokenAndRefuseOneOfAnotherEnvironment() {
        browser.manage().deleteAllCookies();
        browser.get(dashboard.url() + "/");
        await("the sign-in form").atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        assertTrue(!browser.findElement(By.id("board")).isDisplayed(), "nothing is shown before signing in");

        // a token no key of this environment signed
        String forged = stack.token("e2e-dashboard-viewer", Roles.VIEWER);
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "c2lnbmVkLWJ5LXNvbWVib2R5LWVsc2U";
        browser.findElement(By.id("token")).sendKeys(forged);
        browser.findElement(By.cssSelector("#sign-in button")).click();
        await("the refusal").atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElement(By.id("sign-in-problem")).getText().contains("signed"));
        assertTrue(browser.findElement(By.id("sign-in")).isDisplayed());
        given().get(dashboard.url() + "/v1/snapshot").then().statusCode(401);
    }

    @Test
    void shouldMakeTheSignInCookieSecureWhenTheBrowserCameOverHttps() {
        String token = stack.token("e2e-dashboard-viewer", Roles.VIEWER);
        String plain = given().contentType(ContentType.JSON).body(Map.of("token", token))
                .post(dashboard.url() + "/v1/session").then().statusCode(204).extract().header("Set-Cookie");
        assertTrue(plain.contains("HttpOnly") && plain.contains("SameSite=Strict"), plain);
        assertFalse(plain.toLowerCase(Locale.ROOT).contains("secure"), "over plain HTTP a Secure cookie would be "
                + "dropped: " + plain);

        // what a TLS proxy on this host tells the dashboard
        String behindTls = given().contentType(ContentType.JSON).header("X-Forwarded-Proto", "https")
                .body(Map.of("token", token)).post(dashboard.url() + "/v1/session").then().statusCode(204)
                .extract().header("Set-Cookie");
        assertTrue(behindTls.contains("Secure") && behindTls.contains("HttpOnly"), behindTls);
        String signOut = given().header("X-Forwarded-Proto", "https").delete(dashboard.url() + "/v1/session").then()
                .statusCode(204).extract().header("Set-Cookie");
        assertTrue(signOut.contains("Secure") && signOut.contains("Max-Age=0"), signOut);
    }

    private static void signIn(String token) {
        browser.manage().deleteAllCookies();
        browser.get(dashboard.url() + "/");
        await("the sign-in form").atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("#sign-in button")).click();
        await("the live board").atMost(Duration.ofSeconds(30))
                .until(() -> "live".equals(browser.findElement(By.id("connection")).getAttribute("data-state")));
    }

    /**
     * The text of every element a selector matches, read in one script: the page replaces its elements at every
     * snapshot, so an element found in one call may be gone in the next.
     */
    @SuppressWarnings("unchecked")
    private static List<String> texts(String selector) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return Array.from(document"
                + ".querySelectorAll(arguments[0])).map(node => node.textContent)", selector);
    }

    /** An attribute of every element a selector matches, read in one script (as {@link #texts}). */
    @SuppressWarnings("unchecked")
    private static List<String> attributes(String selector, String attribute) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return Array.from(document"
                + ".querySelectorAll(arguments[0])).map(node => node.getAttribute(arguments[1]))", selector, attribute);
    }

    private static long pageStamp() {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return window.relopsDashboard.loadedAt"))
                .longValue();
    }

    private static void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Debian's chromium through Debian's chromedriver: nothing downloaded (Selenium Manager is never asked). */
    private static ChromeDriver headlessChromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // as root in a sandbox-less container; the others keep it from calling out of a closed network
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1440,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1440, 1000));
        return driver;
    }
}
