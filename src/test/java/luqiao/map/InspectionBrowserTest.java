package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import luqiao.map.support.Screen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue #16 in a phone-sized (390×844) headless Chromium against the real server: an inspector records a
 * visit with a photo while the network is emulated offline (Chrome DevTools), sees it kept in the browser,
 * goes online, and the visit is sent once: the server holds exactly one, the map's inspections layer
 * shows it, and the project's popup shows it as the last visit. Screenshots go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InspectionBrowserTest extends BrowserTestBase {

    private static final String PROJECT = "P2024-001";

    @TempDir
    Path temp;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "inspection-browser-" + UUID.randomUUID())
                .toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @AfterEach
    void backOnline() {
        network(false);
        browser.driver().executeCdpCommand("Emulation.clearGeolocationOverride", Map.of());
        browser.driver().manage().deleteAllCookies();
        stopEmulating();
    }

    @Test
    void aVisitRecordedOfflineIsSentOnceWhenTheNetworkReturnsAndShowsOnTheMap() throws Exception {
        emulate(Screen.PHONE);
        String inspector = newUser("INSPECTOR");
        // The phone stands about 100 m north of the project's first vertex.
        JsonNode first = firstVertex(staffApi("/api/projects/" + PROJECT).path("geometry"));
        double lon = first.get(0).asDouble();
        double lat = first.get(1).asDouble() + 0.0009;
        browser.driver()
                .executeCdpCommand(
                        "Browser.grantPermissions",
                        Map.of("origin", "http://localhost:" + port, "permissions", List.of("geolocation")));
        browser.driver()
                .executeCdpCommand(
                        "Emulation.setGeolocationOverride", Map.of("latitude", lat, "longitude", lon, "accuracy", 8));
        signIn(inspector);

        open("/inspect?project=" + PROJECT);
        assertThat(textContent("#project-code")).startsWith(PROJECT);
        waitFor("return document.body.dataset.distance !== undefined");
        assertThat(number("return Number(document.body.dataset.distance)"))
                .as("metres from the project, shown on the form")
                .isBetween(1L, 500L);
        assertThat(browser.driver().findElement(By.id("distance")).getAttribute("class"))
                .isEqualTo("near");
        assertThat(visits()).as("no visit before").isZero();

        String progress = "主体结构完成，绿道铺装过半 " + UUID.randomUUID().toString().substring(0, 6);
        type("#progress-text", progress);
        execute("const r = document.getElementById('progress-percent'); r.value = 60;"
                + " r.dispatchEvent(new Event('input'))");
        browser.driver().findElement(By.id("photos")).sendKeys(jpeg().toString());
        waitFor("return document.querySelectorAll('#previews img').length === 1"
                + " && document.querySelector('#previews img').naturalWidth > 0");
        tap("#add-problem");
        type("#problems fieldset.problem textarea[name=description]", "征迁未完成，南段无法施工");
        // Due three days ago: the problem is overdue as soon as it is raised.
        String due = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8))
                .minusDays(3)
                .toString();
        execute(
                "document.querySelector('#problems [name=category]').value = '用地';"
                        + " document.querySelector('#problems [name=dueDate]').value = arguments[0]",
                due);
        assertFitsTheScreen("#submit");

        // Offline: the visit waits in the browser, with its photo.
        network(true);
        tap("#submit");
        waitFor("return document.body.dataset.result === 'queued' && document.body.dataset.queue === '1'");
        assertThat(text("#result")).isEqualTo("已保存，联网后发送");
        assertThat(text("#queue")).isEqualTo("待发送 1 条");
        assertThat(number("return document.querySelectorAll('#previews img').length"))
                .as("the form starts afresh")
                .isZero();
        browser.screenshot("inspect-offline");
        assertThat(visits()).as("nothing reached the server").isZero();

        // Online again: the queue is sent, once.
        network(false);
        waitFor("return document.body.dataset.queue === '0' && document.body.dataset.result === 'sent'");
        assertThat(text("#result")).startsWith("已发送");
        browser.screenshot("inspect-sent");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (visits() != 1) {
            assertThat(Instant.now()).as("one visit on the server").isBefore(deadline);
            Thread.sleep(250);
        }
        // Opening the form again sends nothing more: the queue is empty.
        open("/inspect");
        assertThat(execute("return document.body.dataset.queue")).isEqualTo("0");
        JsonNode visit = staffApi("/api/inspections/"
                + only(staffApi("/api/inspections?project=" + PROJECT))
                        .path("id")
                        .asLong());
        assertThat(visits()).isEqualTo(1);
        assertThat(visit.path("progressText").asString()).isEqualTo(progress);
        assertThat(visit.path("progressPercent").asInt()).isEqualTo(60);
        assertThat(visit.path("photos")).hasSize(1);
        assertThat(visit.path("problems")).hasSize(1);
        assertThat(visit.path("far").asBoolean()).isFalse();

        // On the map: the inspections layer holds the visit, and the project's popup names it as the last visit.
        open("/?sel=projects:" + PROJECT);
        waitFor("return document.body.dataset.inspections !== undefined");
        assertThat(number("return luqiao.inspections.visits.getLayers()"
                        + ".filter(l => l.feature.properties.projectId === '" + PROJECT + "').length"))
                .isEqualTo(1);
        waitFor("return document.querySelector('.leaflet-popup .inspection-summary[data-loaded=true]') !== null");
        String summary = textContent(".leaflet-popup .inspection-summary");
        assertThat(summary)
                .contains("最近巡查")
                .contains(progress)
                .contains("60%")
                .contains("未销号问题 1")
                .contains("其中逾期 1 个");
        assertThat(textContent(".leaflet-popup .open-problems li.overdue")).contains("征迁未完成");
        waitFor("const img = document.querySelector('.leaflet-popup .inspection-summary img');"
                + " return img !== null && img.complete && img.naturalWidth > 0");
        assertFitsTheScreen(".leaflet-popup");
        browser.screenshot("map-inspection-popup");

        // The visit's own point and popup.
        execute("luqiao.map.closePopup(); const m = luqiao.inspections.visits.getLayers()"
                + ".find(l => l.feature.properties.projectId === '" + PROJECT + "');"
                + " luqiao.map.setView(m.getLatLng(), 16, { animate: false }); m.openPopup()");
        // Once the project's popup has faded out and the visit's has faded in.
        waitFor("const p = document.querySelectorAll('.leaflet-popup');"
                + " return p.length === 1 && p[0].querySelector('.inspection-popup') !== null"
                + " && getComputedStyle(p[0]).opacity === '1'");
        assertThat(textContent(".leaflet-popup .inspection-popup")).contains(progress);
        browser.screenshot("map-inspection-point");

        // Projects by their problems: this one has an overdue problem.
        execute("luqiao.map.closePopup(); luqiao.map.addLayer(luqiao.inspections.problems)");
        waitFor("return Number(document.body.dataset.problemsLayer) > 0");
        assertThat(number("return document.querySelectorAll('path.problem-overdue').length"))
                .isEqualTo(1);
        execute("const r = luqiao.inspections.problems.getLayers().find(l => l.feature.id === '" + PROJECT + "');"
                + " luqiao.map.setView(r.getLatLng(), 14, { animate: false })");
        waitFor("return document.querySelector('.leaflet-popup') === null");
        browser.screenshot("map-problem-rings");

        // The dashboard's problem panels and the 督战 list name the project.
        open("/dashboard");
        waitFor("return document.body.dataset.problemPanels === 'true'");
        assertThat(number("return document.querySelectorAll('.problem-figure .chart svg').length"))
                .isEqualTo(3);
        assertThat(textContent("#duzhan tbody tr[data-project='" + PROJECT + "']"))
                .contains("南官河城区绿道");
        execute("document.getElementById('duzhan-panel').scrollIntoView()");
        browser.screenshot("dashboard-duzhan");

        assertThat(browser.consoleErrors())
                .as("no errors but the requests refused while offline")
                .allSatisfy(e -> assertThat(e).containsAnyOf("ERR_INTERNET_DISCONNECTED", "Failed to fetch"));
    }

    @Test
    void thePublicMapLoadsNoInspectionCode() {
        open("/");
        assertThat(execute("return window.luqiao.inspections === undefined"
                        + " && !performance.getEntriesByType('resource').some(e => /inspect/.test(e.name))"))
                .isEqualTo(true);
        open("/inspect");
        assertThat(browser.driver().findElement(By.id("sign-in-first")).isDisplayed())
                .isTrue();
        assertThat(browser.driver().findElement(By.id("visit")).isDisplayed()).isFalse();
        open("/inspect?lang=en");
        assertThat(text("#sign-in-first")).isEqualTo("Sign in to record an inspection. Sign in");
    }

    /**
     * Scrolls the element to the middle of the screen, as a thumb would, then taps it: at the screen's foot the
     * sticky submit button lies over whatever scrolls beneath it.
     */
    private void tap(String css) {
        execute("document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })", css);
        click(css);
    }

    /** The number of visits the server holds for the project. */
    private long visits() {
        JsonNode answer = staffApi("/api/inspections?project=" + PROJECT);
        return list(answer).size();
    }

    private static JsonNode only(JsonNode answer) {
        List<JsonNode> all = list(answer);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** The visits of an answer: a JSON array, or an object holding one. */
    private static List<JsonNode> list(JsonNode answer) {
        JsonNode array = answer.isArray() ? answer : answer.path("inspections");
        return array.valueStream().toList();
    }

    private static JsonNode firstVertex(JsonNode geometry) {
        JsonNode c = geometry.path("coordinates");
        while (c.get(0).isArray()) {
            c = c.get(0);
        }
        return c;
    }

    /** Chromium's network, emulated offline or back to normal (DevTools Network.emulateNetworkConditions). */
    private void network(boolean offline) {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver()
                .executeCdpCommand(
                        "Network.emulateNetworkConditions",
                        Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** A small JPEG photo of a site (a gradient), as a phone's camera would hand it to the file input. */
    private Path jpeg() throws Exception {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x87ceeb), 0, 240, new Color(0x8d6e63)));
        g.fillRect(0, 0, 320, 240);
        g.setColor(new Color(0x546e7a));
        g.fillRect(40, 110, 240, 90);
        g.dispose();
        Path file = temp.resolve("site-" + UUID.randomUUID() + ".jpg");
        assertThat(ImageIO.write(image, "jpg", file.toFile())).isTrue();
        assertThat(Files.size(file)).isPositive();
        return file;
    }

    /** A new user with the role (password "correct-horse-battery"), made by the administrator; its name. */
    private String newUser(String role) throws Exception {
        String name = role.toLowerCase(java.util.Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/users"))
                                .header("Content-Type", "application/json")
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString("admin:test-admin-password"
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\","
                                                + "\"roles\":[\"" + role + "\"]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return name;
    }

    private void signIn(String name) {
        browser.driver().get("http://localhost:" + port + "/login");
        waitFor("return document.body.dataset.loaded === 'true' && !document.getElementById('login').hidden");
        browser.driver().findElement(By.id("username")).sendKeys(name);
        browser.driver().findElement(By.id("password")).sendKeys("correct-horse-battery");
        waitFor("return document.querySelector('#login input.csrf').value !== ''");
        click("#login button[type=submit]");
        waitFor("return !location.pathname.startsWith('/login')");
    }
}
