package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import luqiao.map.support.Caller;
import luqiao.map.support.Screen;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #15 in a real headless Chromium against the real server (embedded backend): the query result's
 * export buttons appear only with a result and then work; an editor changes the status of a zone query's
 * parcels at once and the panel's figures follow; an administrator creates, disables, re-enables a user
 * and resets their password on the users screen, and the sign-in page agrees each time. The essential path of
 * both also on a phone (390×844): the batch panel in the bottom sheet, the users screen as stacked cards.
 * Screenshots go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BatchAndUsersBrowserTest extends BrowserTestBase {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "batch-users-browser-" + UUID.randomUUID())
                .toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @BeforeEach
    void desktop() {
        emulate(Screen.DESKTOP);
    }

    @Test
    void exportsFollowAResultAndABatchStatusChangeShowsInThePanel() throws Exception {
        String zone = zoneWithAFewParcels();
        try {
            signInAsAdmin();
            open("/?layers=zones,parcels");
            click("[data-tab=query]");
            assertThat(displayed("#query-exports"))
                    .as("no exports before a query")
                    .isFalse();
            assertThat(displayed("#export-csv")).isFalse();
            assertThat(displayed("#query-batch")).isFalse();

            execute("document.getElementById('query-zone').value = arguments[0]", zone);
            click("#query-zone-run");
            waitFor("return document.body.dataset.query === 'done' && !document.getElementById('query-batch').hidden");
            long count = number("return luqiao.query.result.total.count");
            assertThat(displayed("#query-exports")).isTrue();

            // The downloads are made in the page: catch their blobs to read them back.
            execute("window.downloads = []; const make = URL.createObjectURL;"
                    + " URL.createObjectURL = (b) => { window.downloads.push(b); return make(b); };");
            click("#export-csv");
            click("#export-geojson");
            waitFor("return window.downloads.length === 2");
            String csv = (String) execute("return window.downloads[0].text()");
            assertThat(csv).startsWith("parcel_no,");
            assertThat(execute("return window.downloads[0].arrayBuffer().then((b) => [...new Uint8Array(b, 0, 3)])")
                            .toString())
                    .as("a BOM so spreadsheets read UTF-8")
                    .isEqualTo("[239, 187, 191]");
            assertThat(csv.strip().split("\r?\n")).hasSize((int) count + 1);
            JsonNode geojson = JSON.readTree((String) execute("return window.downloads[1].text()"));
            assertThat(geojson.path("features").size()).isEqualTo((int) count);
            assertThat(browser.consoleErrors()).as("exporting throws nothing").isEmpty();

            // Tick two parcels and set them to a status neither has.
            List<String> ticked = new ArrayList<>();
            for (JsonNode f : staffQuery(zone).path("parcels").path("features")) {
                if (ticked.size() < 2
                        && !f.path("properties").path("status").asString().equals("出让")) {
                    ticked.add(f.path("id").asString());
                }
            }
            assertThat(ticked).hasSize(2);
            click("#query-batch summary");
            for (String id : ticked) {
                click("#batch-list input[value='" + id + "']");
            }
            assertThat(text("#batch-apply")).contains("2");
            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("batch-status")))
                    .selectByValue("出让");
            execute("document.getElementById('query-batch').scrollIntoView()");
            browser.screenshot("batch-panel-before");
            Map<String, Long> before = byStatus(staffQuery(zone));
            click("#batch-apply");
            waitFor("return document.body.dataset.batch === 'done' && document.body.dataset.query === 'done'");
            for (String id : ticked) {
                assertThat(staffApi("/api/parcels/" + id)
                                .path("properties")
                                .path("status")
                                .asString())
                        .isEqualTo("出让");
            }
            Map<String, Long> after = byStatus(staffQuery(zone));
            assertThat(after.get("出让")).isEqualTo(before.getOrDefault("出让", 0L) + 2);
            assertThat(panelByStatus()).as("the panel shows the new figures").isEqualTo(after);
            assertThat(text("#status")).contains("2");
            assertThat(text("#batch-list")).contains(ticked.get(0) + " · 出让");
            execute("document.getElementById('query-batch').scrollIntoView()");
            browser.screenshot("batch-panel");
            assertThat(browser.consoleErrors()).isEmpty();

            execute("document.getElementById('query-clear').scrollIntoView({ block: 'center' })");
            click("#query-clear");
            assertThat(displayed("#query-exports")).as("cleared: no exports").isFalse();
            assertThat(displayed("#query-batch")).isFalse();
        } finally {
            browser.driver().manage().deleteAllCookies();
        }
    }

    @Test
    void anAdministratorCreatesDisablesEnablesAndResetsAUserOnTheUsersScreen() throws Exception {
        String name = "clerk-" + UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
        try {
            open("/");
            assertThat(displayed("#admin-link"))
                    .as("no users screen for the public")
                    .isFalse();
            signInAsAdmin();
            open("/");
            assertThat(displayed("#admin-link")).isTrue();
            click("#admin-link");
            waitUntilLoaded(true);
            waitFor("return document.querySelector('tr[data-user=admin]') !== null");

            type("#new-username", name);
            type("#new-password", "first-password-1");
            click("#new-roles input[value=PLANNER]");
            click("#create-user button[type=submit]");
            String row = "tr[data-user='" + name + "']";
            waitFor("return document.querySelector(\"" + row + "\") !== null");
            assertThat(text(row + " td.state")).isEqualTo("启用");
            assertThat(signsIn(name, "first-password-1")).isTrue();
            signInAsAdmin();
            open("/admin");
            waitFor("return document.querySelector(\"" + row + "\") !== null");

            click(row + " button[data-action=toggle]");
            waitFor("return document.querySelector(\"" + row + "\").dataset.enabled === 'false'");
            assertThat(text(row + " td.state")).isEqualTo("已停用");
            browser.screenshot("users-screen");
            assertThat(signsIn(name, "first-password-1"))
                    .as("a disabled user cannot sign in")
                    .isFalse();

            signInAsAdmin();
            open("/admin");
            waitFor("return document.querySelector(\"" + row + "\") !== null");
            click(row + " button[data-action=toggle]");
            waitFor("return document.querySelector(\"" + row + "\").dataset.enabled === 'true'");
            type(row + " .new-password", "second-password-2");
            click(row + " button[data-action=password]");
            waitFor("return document.getElementById('status').textContent === '已重置 " + name + " 的密码。'");

            // Disabling oneself is refused, and said so.
            click("tr[data-user=admin] button[data-action=toggle]");
            waitFor("return document.getElementById('status').className === 'error'");
            assertThat(text("#status")).contains("themselves");
            assertThat(browser.consoleErrors()).allSatisfy(e -> assertThat(e).contains("400"));

            open("/admin?lang=en");
            waitFor("return document.querySelector(\"" + row + "\") !== null");
            browser.screenshot("users-screen-en");

            assertThat(signsIn(name, "first-password-1"))
                    .as("the old password is gone")
                    .isFalse();
            assertThat(signsIn(name, "second-password-2")).isTrue();
        } finally {
            browser.driver().manage().deleteAllCookies();
        }
    }

    /**
     * On a phone (390×844) in the bottom sheet: the exports show only with a zone query's result, the batch
     * panel fits the screen, and applying a status to a ticked parcel changes it and says so.
     */
    @Test
    void onAPhoneTheExportsFollowAResultAndTheBatchPanelFitsAndApplies() throws Exception {
        emulate(Screen.PHONE);
        String zone = zoneWithAFewParcels();
        try {
            signInAsAdmin();
            open("/?layers=zones,parcels");
            click("#panel-toggle");
            click("[data-tab=query]");
            assertThat(displayed("#query-exports"))
                    .as("no exports before a query")
                    .isFalse();
            assertThat(displayed("#query-batch")).isFalse();

            execute("document.getElementById('query-zone').value = arguments[0]", zone);
            click("#query-zone-run");
            waitFor("return document.body.dataset.query === 'done' && !document.getElementById('query-batch').hidden");
            assertThat(displayed("#query-exports")).isTrue();
            assertThat(displayed("#export-csv")).isTrue();

            String id = null;
            for (JsonNode f : staffQuery(zone).path("parcels").path("features")) {
                if (!f.path("properties").path("status").asString().equals("出让")) {
                    id = f.path("id").asString();
                    break;
                }
            }
            assertThat(id).isNotNull();
            click("#query-batch summary");
            execute(
                    "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })",
                    "#batch-list input[value='" + id + "']");
            assertThat((Boolean) execute("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("an administrator's page is no wider than the phone (a wider one shifts every tap)")
                    .isTrue();
            click("#batch-list input[value='" + id + "']");
            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("batch-status")))
                    .selectByValue("出让");
            execute("document.getElementById('query-batch').scrollIntoView({ block: 'end' })");
            assertFitsTheScreen("#query-batch");
            click("#batch-apply");
            waitFor("return document.body.dataset.batch === 'done' && document.body.dataset.query === 'done'");
            assertThat(staffApi("/api/parcels/" + id)
                            .path("properties")
                            .path("status")
                            .asString())
                    .isEqualTo("出让");
            assertThat(text("#status"))
                    .as("the panel says what changed")
                    .contains("1")
                    .contains("出让");
            assertThat((Boolean) execute("const s = document.getElementById('status'), r = s.getBoundingClientRect();"
                            + " return r.height > 0 && s.contains(document.elementFromPoint("
                            + "(r.left + r.right) / 2, (r.top + r.bottom) / 2))"))
                    .as("the message is in view, not under the bottom sheet")
                    .isTrue();
            assertThat(text("#batch-list")).contains(id + " · 出让");
            execute("document.getElementById('query-batch').scrollIntoView({ block: 'end' })");
            assertFitsTheScreen("#query-batch");
            browser.screenshot("batch-panel-phone");
            assertThat(browser.consoleErrors()).isEmpty();
        } finally {
            browser.driver().manage().deleteAllCookies();
        }
    }

    /**
     * The users screen on a phone (390×844): no sideways scroll of the page, each user's controls fit the
     * screen, and an administrator creates a user and disables them.
     */
    @Test
    void onAPhoneTheUsersScreenFitsAndAnAdministratorCreatesAndDisablesAUser() throws Exception {
        emulate(Screen.PHONE);
        String name = "phone-" + UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
        try {
            signInAsAdmin();
            open("/admin");
            waitFor("return document.querySelector('tr[data-user=admin]') !== null");
            assertThat(number("return document.documentElement.scrollWidth - innerWidth"))
                    .as("no sideways scroll of the page")
                    .isNotPositive();

            execute("document.getElementById('create-user').scrollIntoView()");
            type("#new-username", name);
            type("#new-password", "phone-password-1");
            click("#new-roles input[value=PLANNER]");
            click("#create-user button[type=submit]");
            String row = "tr[data-user='" + name + "']";
            waitFor("return document.querySelector(\"" + row + "\") !== null");
            assertThat(text(row + " td.state")).isEqualTo("启用");

            for (String user : List.of("admin", name)) {
                String each = "tr[data-user='" + user + "']";
                execute("document.querySelector(arguments[0]).scrollIntoView()", each);
                assertFitsTheScreen(each);
                for (String control : List.of(
                        "button[data-action=save]",
                        "button[data-action=toggle]",
                        ".new-password",
                        "button[data-action=password]",
                        "button[data-action=revoke]",
                        "button[data-action=unlock]")) {
                    assertFitsTheScreen(each + " " + control);
                }
            }

            click(row + " button[data-action=toggle]");
            waitFor("return document.querySelector(\"" + row + "\").dataset.enabled === 'false'");
            assertThat(text(row + " td.state")).isEqualTo("已停用");
            assertThat(number("return document.documentElement.scrollWidth - innerWidth"))
                    .isNotPositive();
            execute("document.querySelector(arguments[0]).scrollIntoView()", row);
            browser.screenshot("users-screen-phone");
            assertThat(browser.consoleErrors()).isEmpty();
        } finally {
            browser.driver().manage().deleteAllCookies();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Signs out, then signs in on the sign-in page; whether it let the user in (as that user), signed out again. */
    private boolean signsIn(String user, String password) {
        browser.driver().manage().deleteAllCookies();
        browser.driver().get("http://localhost:" + port + "/login");
        waitFor("return document.body.dataset.loaded === 'true' && !document.getElementById('login').hidden");
        browser.driver().findElement(By.id("username")).sendKeys(user);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver()
                .findElement(By.cssSelector("#login button[type=submit]"))
                .click();
        browser.waitUpTo(Duration.ofSeconds(20))
                .until(d -> !d.getCurrentUrl().endsWith("/login")
                        || d.getCurrentUrl().contains("error"));
        boolean in = !browser.driver().getCurrentUrl().contains("/login")
                && user.equals(execute("return fetch('/api/me').then((r) => r.json()).then((me) => me.username)"));
        browser.driver().manage().deleteAllCookies();
        return in;
    }

    private boolean displayed(String css) {
        return browser.driver().findElement(By.cssSelector(css)).isDisplayed();
    }

    /** A zone (not the district) whose query holds a few parcels, not all in one status. */
    private String zoneWithAFewParcels() {
        for (JsonNode z : api("/api/zones?limit=1000").path("features")) {
            if (z.path("properties").path("kind").asString().equals("district")) {
                continue;
            }
            JsonNode answer = staffQuery(z.path("id").asString());
            long n = answer.path("total").path("count").asLong();
            if (n >= 5 && n <= 200 && byStatus(answer).size() > 1) {
                return z.path("id").asString();
            }
        }
        throw new AssertionError("no zone with a few parcels");
    }

    private JsonNode staffQuery(String zone) {
        JsonNode z = api("/api/zones/" + zone);
        return new Caller(port, "admin:test-admin-password")
                .send(
                        "POST",
                        "/api/analysis/parcels",
                        "{\"zone\":\"" + zone + "\",\"geometry\":" + z.path("geometry") + "}")
                .json();
    }

    private static Map<String, Long> byStatus(JsonNode answer) {
        Map<String, Long> counts = new TreeMap<>();
        answer.path("by_status")
                .forEach(s ->
                        counts.put(s.path("status").asString(), s.path("count").asLong()));
        return counts;
    }

    /** The panel's 按整治状态 table: status to count. */
    @SuppressWarnings("unchecked")
    private Map<String, Long> panelByStatus() {
        List<List<Object>> rows = (List<List<Object>>)
                execute(
                        "return [...document.querySelectorAll('#query-result table')[1].querySelectorAll('tbody tr')]"
                                + ".map((r) => [r.querySelector('th').textContent, Number(r.querySelector('td').textContent)])");
        Map<String, Long> counts = new TreeMap<>();
        rows.forEach(r -> counts.put((String) r.get(0), ((Number) r.get(1)).longValue()));
        return counts;
    }
}
