package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard and the investment map in a real headless Chromium against the real server on the
 * embedded backend: a click on a chart's bar filters the map, the page prints without controls,
 * the investment map filters by area and shows no owner. Screenshots and the printed PDF go to
 * target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserTest extends BrowserTestBase {

    private static final Dimension DESKTOP = new Dimension(1400, 900);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "browser-dashboard-" + UUID.randomUUID())
                .toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @BeforeEach
    void desktop() {
        browser.driver().manage().window().setSize(DESKTOP);
    }

    @Test
    void clickingAStageBarShowsThatStagesProjectsOnTheMap() throws Exception {
        open("/dashboard");
        long all = number("return luqiao.overlays.projectCount()");
        assertThat(all)
                .isEqualTo(
                        api("/api/projects?limit=10000").path("numberReturned").asLong());
        long started = 0;
        for (JsonNode row :
                api("/api/dashboard").path("figures").path("projects_by_stage").path("rows")) {
            if (row.path("stage").asString().equals("开工")) {
                started = row.path("count").asLong();
            }
        }
        assertThat(started).isPositive().isLessThan(all);

        clickBar("projects_by_stage", "开工");
        waitFor("return luqiao.overlays.projectCount() === " + started);
        assertThat(execute("return document.body.dataset.filter")).isEqualTo("stage=开工");
        assertThat(browser.driver().findElement(By.id("map-filter")).isDisplayed())
                .isTrue();
        assertThat(browser.driver().findElement(By.id("map-filter-text")).getText())
                .contains("开工");
        @SuppressWarnings("unchecked")
        List<String> stages =
                (List<String>) execute("return luqiao.overlays.visibleProjects.map((f) => f.properties.stage)");
        assertThat(stages).hasSize((int) started).containsOnly("开工");
        browser.screenshot("dashboard-filter-stage");

        // A zone bar filters by the projects' zone, as the API derives it.
        String zone = api("/api/dashboard")
                .path("figures")
                .path("projects_by_zone")
                .path("rows")
                .valueStream()
                .filter(r -> !r.path("zone").isNull())
                .findFirst()
                .orElseThrow()
                .path("zone")
                .asString();
        long inZone = api("/api/projects?limit=10000")
                .path("features")
                .valueStream()
                .filter(f -> zone.equals(f.path("properties").path("zone").asString()))
                .count();
        clickBar("projects_by_zone", zone);
        waitFor("return luqiao.overlays.projectCount() === " + inZone);

        // A town bar: the projects of that town, as the dashboard assigns them.
        JsonNode dashboard = api("/api/dashboard");
        String town = dashboard
                .path("figures")
                .path("projects_by_town")
                .path("rows")
                .get(0)
                .path("town")
                .asString();
        long inTown = dashboard
                .path("project_towns")
                .valueStream()
                .filter(t -> t.asString().equals(town))
                .count();
        clickBar("projects_by_town", town);
        waitFor("return luqiao.overlays.projectCount() === " + inTown);
        assertThat(execute("return document.body.dataset.filter")).isEqualTo("town=" + town);

        browser.driver().findElement(By.id("map-filter-clear")).click();
        waitFor("return luqiao.overlays.projectCount() === " + all);
        assertThat(browser.driver().findElement(By.id("map-filter")).isDisplayed())
                .isFalse();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void thePublicDashboardHasNoOverdueOrCompliancePanelAndNoInternalStage() throws Exception {
        open("/dashboard");
        assertThat(browser.driver().findElements(By.cssSelector(".panel[data-figure] .chart svg")))
                .hasSize(9);
        assertThat(browser.driver().findElements(By.cssSelector(".panel h2 a.csv")))
                .as("the figures' CSV links only")
                .hasSize(9);
        assertThat(browser.driver()
                        .findElements(By.cssSelector("#overdue-panel, #compliance-panel, #overdue, #compliance")))
                .isEmpty();
        assertThat(number("return document.querySelectorAll('path.conflict').length"))
                .as("no conflict layer")
                .isZero();
        String page = text("body");
        assertThat(page)
                .doesNotContain("谋划")
                .doesNotContain("前期")
                .doesNotContain("招引")
                .doesNotContain("逾期")
                .doesNotContain("永久基本农田");
        browser.screenshot("public-dashboard");

        // A project's popup shows no compliance lines to the public.
        execute("luqiao.overlays.focus('projects', 'P2024-011', true)");
        waitFor("return document.querySelector('.leaflet-popup') !== null");
        Thread.sleep(1000);
        assertThat(browser.driver().findElements(By.cssSelector(".leaflet-popup .compliance-note")))
                .isEmpty();
        browser.screenshot("public-dashboard-popup");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void staffSeeEveryPanelTheConflictsAndTheOverdueProjects() throws Exception {
        try {
            signInAsAdmin();
            staffDashboard();
        } finally {
            browser.driver().manage().deleteAllCookies();
        }
    }

    private void staffDashboard() throws Exception {
        open("/dashboard");
        assertThat(browser.driver().findElements(By.cssSelector(".panel[data-figure] .chart svg")))
                .hasSize(9);
        // The nine figures, compliance, overdue projects, and the problem list's two (issue #16).
        assertThat(browser.driver().findElements(By.cssSelector(".panel h2 a.csv")))
                .hasSize(13);
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".panel[data-figure=land_by_status] a.csv"))
                        .getAttribute("href"))
                .endsWith("/api/dashboard/land_by_status?format=csv");
        JsonNode compliance = staffApi("/api/compliance");
        long withConflicts = compliance
                .path("projects")
                .valueStream()
                .filter(p -> !p.path("conflicts").isEmpty())
                .count();
        assertThat(browser.driver().findElements(By.cssSelector("#compliance tr[data-project]")))
                .hasSize((int) withConflicts);
        assertThat(number("return document.querySelectorAll('path.conflict').length"))
                .isPositive();
        // The overdue panel lists the chain's overdue projects, most overdue first.
        JsonNode overdue = staffApi("/api/projects/overdue");
        assertThat(overdue.path("count").asInt()).isPositive();
        java.util.List<WebElement> rows = browser.driver().findElements(By.cssSelector("#overdue tbody tr"));
        assertThat(rows).hasSize(overdue.path("count").asInt());
        assertThat(rows.get(0).getText())
                .contains(overdue.path("projects").get(0).path("name_zh").asString())
                .contains(overdue.path("projects").get(0).path("planned").asString())
                .contains(overdue.path("projects").get(0).path("days_overdue").asString());
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".kpi .kpi-value"))
                        .getText())
                .isEqualTo(String.valueOf(staffApi("/api/projects?limit=10000")
                        .path("numberReturned")
                        .asLong()));

        browser.screenshot("dashboard");

        // A project's popup lists its conflicts.
        execute("luqiao.overlays.focus('projects', 'P2024-011', true)");
        try {
            browser.waitUpTo(Duration.ofSeconds(20))
                    .until(d -> !d.findElements(By.cssSelector(".leaflet-popup .compliance-note"))
                            .isEmpty());
        } catch (RuntimeException e) {
            throw new AssertionError(
                    execute("const p = document.querySelector('.leaflet-popup'); return p ? p.outerHTML : 'no popup'")
                            + " "
                            + browser.driver().manage().logs().get("browser").getAll(),
                    e);
        }
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".leaflet-popup .compliance-note"))
                        .getText())
                .contains("永久基本农田");
        browser.screenshot("dashboard-popup-compliance");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void thePrintViewHasTheMapAndChartsWithoutControls() throws Exception {
        open("/dashboard");
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(browser.driver()
                            .findElement(By.cssSelector("header .controls"))
                            .isDisplayed())
                    .isFalse();
            assertThat(browser.driver()
                            .findElement(By.cssSelector(".leaflet-control-zoom"))
                            .isDisplayed())
                    .isFalse();
            assertThat(browser.driver().findElement(By.id("map")).isDisplayed()).isTrue();
            assertThat(browser.driver()
                            .findElements(By.cssSelector(".chart svg"))
                            .get(0)
                            .isDisplayed())
                    .isTrue();
            browser.screenshot("dashboard-print-media");
        } finally {
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        PrintOptions options = new PrintOptions();
        options.setOrientation(PrintOptions.Orientation.LANDSCAPE);
        options.setPageSize(new PageSize(21.0, 29.7));
        options.setBackground(true);
        byte[] pdf = Base64.getDecoder().decode(browser.driver().print(options).getContent());
        Path file = Path.of("target", "screenshots", "dashboard-print-a4.pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, pdf);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
    }

    @Test
    void theInvestmentMapFiltersByAreaAndShowsNoOwner() throws Exception {
        open("/invest");
        long all = number("return luqiao.invest.count()");
        assertThat(all)
                .isEqualTo(api("/api/invest/parcels").path("numberReturned").asLong())
                .isPositive();
        assertThat(browser.driver().findElement(By.id("contact")).getText()).startsWith("投资咨询");
        browser.screenshot("invest");

        type("#min-mu", "10");
        type("#max-mu", "20");
        browser.driver().findElement(By.id("invest-apply")).click();
        long ranged = api("/api/invest/parcels?min_mu=10&max_mu=20")
                .path("numberReturned")
                .asLong();
        assertThat(ranged).isPositive().isLessThan(all);
        waitFor("return document.body.dataset.loaded === 'true' && luqiao.invest.count() === " + ranged);
        assertThat(browser.driver().getCurrentUrl()).contains("min_mu=10").contains("max_mu=20");
        assertThat(browser.driver().findElement(By.id("invest-csv")).getAttribute("href"))
                .contains("min_mu=10")
                .contains("format=csv");

        browser.driver()
                .findElement(By.cssSelector("#invest-list tr[data-parcel]"))
                .click();
        // Read as text content once filled: Leaflet fades a new popup in, and Selenium's visible text of an
        // element still at opacity 0 is empty.
        waitFor("const p = document.querySelector('.leaflet-popup'); return p !== null && p.textContent.includes('亩')");
        assertThat(textContent(".leaflet-popup")).contains("亩").contains("投资咨询");
        browser.screenshot("invest-filtered");
        String page = browser.driver().getPageSource();
        assertThat(page).doesNotContain("owner").doesNotContain("土地储备中心").doesNotContain("股份经济合作社");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theDashboardAsOfAPastDateCountsTheProjectsAsTheyStoodThen() throws Exception {
        String date = "2023-01-01";
        open("/dashboard?asOf=" + date);
        long then =
                api("/api/projects?limit=1&asOf=" + date).path("numberMatched").asLong();
        long now = api("/api/projects?limit=1").path("numberMatched").asLong();
        assertThat(then)
                .as("the shipped history differs between then and now")
                .isPositive()
                .isNotEqualTo(now);
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".kpi .kpi-value"))
                        .getText())
                .isEqualTo(String.valueOf(then));
        assertThat(browser.driver().findElement(By.cssSelector("header h1")).getText())
                .contains(date);
        assertThat(browser.driver().findElement(By.id("asof")).getAttribute("value"))
                .isEqualTo(date);
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".panel[data-figure=projects_by_stage] a.csv"))
                        .getAttribute("href"))
                .endsWith("asOf=" + date);
        assertThat(number("return luqiao.overlays.projectCount()")).isEqualTo(then);
        browser.screenshot("dashboard-as-of");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    /** Clicks, as a user would, the first series' bar of {@code key} in a figure's chart. */
    private void clickBar(String figure, String key) {
        WebElement chart = browser.driver().findElement(By.cssSelector(".panel[data-figure=" + figure + "] .chart"));
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) execute(
                "const c = echarts.getInstanceByDom(arguments[0]); const i = c.keys.indexOf(arguments[1]);"
                        + " const bar = c.getModel().getSeriesByIndex(0).getData().getItemLayout(i);"
                        + " return [bar.x + bar.width / 2, bar.y + bar.height / 2, arguments[0].clientWidth, arguments[0].clientHeight];",
                chart,
                key);
        browser.driver().executeScript("arguments[0].scrollIntoView({ block: 'center' })", chart);
        new Actions(browser.driver())
                .moveToElement(
                        chart,
                        (int) Math.round(at.get(0).doubleValue() - at.get(2).doubleValue() / 2),
                        (int) Math.round(at.get(1).doubleValue() - at.get(3).doubleValue() / 2))
                .click()
                .perform();
    }
}
