package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue #7 in a real headless Chromium against the real server (embedded backend): the date slider
 * shows the projects as the API says they stood on the chosen date, and a project's popup shows its
 * chain. Screenshots go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChainBrowserTest extends BrowserTestBase {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "chain-browser-" + UUID.randomUUID())
                .toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @BeforeEach
    void desktop() {
        browser.driver().manage().window().setSize(new Dimension(1280, 860));
    }

    @Test
    void movingTheDateSliderShowsTheProjectsAsTheyStoodThen() throws Exception {
        open("/");
        long now = api("/api/projects?limit=1000").path("numberReturned").asLong();
        assertThat(number("return luqiao.overlays.projectCount()")).isEqualTo(now);
        assertThat(text("#asof-shown")).isEqualTo("当前");

        // Drag the slider's thumb from the right end two thirds of the way back.
        WebElement range = browser.driver().findElement(By.id("asof-range"));
        new Actions(browser.driver())
                .dragAndDropBy(
                        range,
                        -range.getSize().getWidth() * 2 / 3 + range.getSize().getWidth() / 2,
                        0)
                .perform();
        waitFor(
                "return document.body.dataset.asOf !== '' && document.body.dataset.projectsAsOf === document.body.dataset.asOf");
        String date = (String) execute("return document.body.dataset.asOf");
        long then = api("/api/projects?limit=1000&asOf=" + date)
                .path("numberReturned")
                .asLong();
        assertThat(then).as("fewer projects had started by %s", date).isLessThan(now);
        assertThat(number("return luqiao.overlays.projectCount()"))
                .as("markers as of %s", date)
                .isEqualTo(then);
        assertThat(browser.driver().findElements(By.cssSelector("#results .result-projects")))
                .hasSize((int) then);
        assertThat(text("#asof-shown")).isEqualTo("截至 " + date);
        assertThat(browser.driver().getCurrentUrl()).contains("asOf=" + date);
        browser.screenshot("asof-slider");

        // The address keeps the date: reloading shows the same projects.
        browser.driver().navigate().refresh();
        waitUntilLoaded(true);
        assertThat(number("return luqiao.overlays.projectCount()")).isEqualTo(then);
        assertThat(browser.driver().findElement(By.id("asof-date")).getAttribute("value"))
                .isEqualTo(date);

        // An earlier day typed in the date field; then back to now.
        execute(
                "const f = document.getElementById('asof-date'); f.value = '2021-06-30'; f.dispatchEvent(new Event('change'))");
        waitFor("return document.body.dataset.projectsAsOf === '2021-06-30'");
        assertThat(number("return luqiao.overlays.projectCount()"))
                .isEqualTo(api("/api/projects?limit=1000&asOf=2021-06-30")
                        .path("numberReturned")
                        .asLong());
        click("#asof-now");
        waitFor("return document.body.dataset.projectsAsOf === 'now'");
        assertThat(number("return luqiao.overlays.projectCount()")).isEqualTo(now);
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("asOf=");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aPublicProjectPopupShowsItsPublicStagesWithoutInternalDatesOrOverdue() throws Exception {
        // An overdue public project that went through the internal stages (issue #15: none of that is public).
        JsonNode overdue = staffApi("/api/projects/overdue")
                .path("projects")
                .valueStream()
                .filter(p -> List.of("开工", "竣工").contains(p.path("stage").asString()))
                .findFirst()
                .orElseThrow();
        String code = overdue.path("id").asString();
        JsonNode staffChain = staffApi("/api/projects/" + code + "/chain");
        List<String> internalDates = new java.util.ArrayList<>();
        staffChain.path("stages").forEach(s -> {
            if (List.of("谋划", "前期", "招引").contains(s.path("stage").asString())) {
                for (String field : List.of("planned", "actual")) {
                    if (!s.path(field).isNull()) internalDates.add(s.path(field).asString());
                }
            }
        });
        JsonNode chain = api("/api/projects/" + code + "/chain");
        open("/?sel=projects:" + code);
        waitFor("return document.querySelector('.leaflet-popup .chain[data-loaded=true]') !== null");
        assertThat(browser.driver().findElements(By.cssSelector(".leaflet-popup .timeline li")))
                .hasSize(chain.path("events").size());
        assertThat(textContents(".leaflet-popup .timeline time"))
                .containsExactlyElementsOf(chain.path("events")
                        .valueStream()
                        .map(e -> e.path("date").asString())
                        .toList());
        assertThat(textContents(".leaflet-popup .chain-stages tbody th")).containsExactly("开工", "竣工");
        assertThat(browser.driver().findElements(By.cssSelector(".leaflet-popup .overdue-badge")))
                .as("no overdue banner")
                .isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector(".leaflet-popup .chain-stages tr.overdue")))
                .isEmpty();
        String popup = textContent(".leaflet-popup");
        assertThat(popup)
                .doesNotContain("谋划")
                .doesNotContain("前期")
                .doesNotContain("招引")
                .doesNotContain("逾期");
        internalDates.stream()
                .filter(d -> !chain.toString().contains(d))
                .forEach(d -> assertThat(popup).as("internal stage date").doesNotContain(d));
        assertThat(browser.driver().findElements(By.cssSelector(".leaflet-popup .compliance-note")))
                .as("no compliance lines")
                .isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector(".leaflet-popup .actor")))
                .as("the public sees no actors")
                .isEmpty();
        browser.screenshot("public-popup-chain");

        // In English, a project that started on the day it got its land.
        String land = null;
        for (JsonNode p : api("/api/projects?limit=1000").path("features")) {
            JsonNode c = api("/api/projects/" + p.path("id").asString() + "/chain");
            if (c.path("land_to_start_days").isNumber()) {
                land = p.path("id").asString();
                break;
            }
        }
        assertThat(land).as("a public project with a land acquisition date").isNotNull();
        open("/?lang=en&sel=projects:" + land);
        waitFor("return document.querySelector('.leaflet-popup .chain[data-loaded=true]') !== null");
        assertThat(textContent(".leaflet-popup .chain h4")).isEqualTo("Project chain");
        assertThat(textContent(".leaflet-popup .land-to-start"))
                .startsWith("Land to construction start: "
                        + api("/api/projects/" + land + "/chain")
                                .path("land_to_start_days")
                                .asLong() + " days");
        browser.screenshot("chain-popup-en");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void staffSeeWhoMadeEachTransition() throws Exception {
        try {
            signInAsAdmin();
            // Staff see every stage of an overdue project's chain and its overdue banner.
            JsonNode overdue =
                    staffApi("/api/projects/overdue").path("projects").get(0);
            open("/?sel=projects:" + overdue.path("id").asString());
            waitFor("return document.querySelector('.leaflet-popup .chain[data-loaded=true]') !== null");
            assertThat(browser.driver().findElements(By.cssSelector(".leaflet-popup .chain-stages tbody tr")))
                    .hasSize(5);
            assertThat(textContent(".leaflet-popup .overdue-badge"))
                    .contains(overdue.path("late_stage").asString())
                    .contains(String.valueOf(overdue.path("days_overdue").asLong()));
            // Read as text content: the popup scrolls, and the overdue row may be out of its view.
            assertThat(textContents(".leaflet-popup .chain-stages tr.overdue")).anySatisfy(row -> assertThat(row)
                    .contains("逾期 " + overdue.path("days_overdue").asLong() + " 天"));
            browser.screenshot("chain-popup-overdue");

            String internal = "P2024-009";
            open("/?sel=projects:" + internal);
            waitFor("return document.querySelector('.leaflet-popup .chain[data-loaded=true]') !== null");
            assertThat(textContents(".leaflet-popup .event-note")).contains("签约落地");
            browser.screenshot("chain-popup-staff");

            // Recording the next stage from the popup: the server moves the project and the map shows it.
            String attracted = "P2024-017";
            open("/?sel=projects:" + attracted);
            waitFor("return document.querySelector('.leaflet-popup form.chain-move') !== null");
            // Filled and sent in one script, so no redraw of the popup can come between (under load the
            // marker cluster may still be settling); the same values a user would pick and type.
            browser.screenshot("chain-move-form");
            execute("const f = document.querySelector('.leaflet-popup form.chain-move');"
                    + " f.elements.to.value = '开工'; f.elements.date.value = '2024-10-20'; f.elements.note.value = '签约后开工';"
                    + " f.requestSubmit()");
            // First the server's record of the move (or the form's refusal), then the map's redraw.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!staffApi("/api/projects/" + attracted)
                    .path("properties")
                    .path("stage")
                    .asString()
                    .equals("开工")) {
                // Read in one script: the popup closes when the move is recorded, so an element found a
                // moment earlier may be gone by the time its text is asked for.
                assertThat(String.valueOf(
                                execute("return Array.from(document.querySelectorAll('.leaflet-popup .chain-error'))"
                                        + ".map(e => e.textContent).join('')")))
                        .as("no refusal")
                        .isEmpty();
                assertThat(Instant.now())
                        .as(
                                "the server records the move; page status: %s, address: %s",
                                execute("return document.getElementById('status').textContent"),
                                browser.driver().getCurrentUrl())
                        .isBefore(deadline);
                Thread.sleep(250);
            }
            waitFor("return luqiao.overlays.projectData.find(p => p.id === '" + attracted
                    + "').properties.stage === '开工'");
            assertThat(text("#status")).contains("已记录").contains("2024-10-20");
            JsonNode moved = api("/api/projects/" + attracted);
            assertThat(moved.path("properties").path("actual_start").asString())
                    .as("now public, as 开工")
                    .isEqualTo("2024-10-20");
            open("/?sel=projects:" + attracted);
            waitFor("return document.querySelector('.leaflet-popup .chain[data-loaded=true]') !== null");
            assertThat(textContents(".leaflet-popup .actor")).contains("— admin");
            assertThat(textContents(".leaflet-popup .event-note"))
                    .anySatisfy(n -> assertThat(n).startsWith("签约后开工"));
            browser.screenshot("chain-after-move");
            assertThat(browser.consoleErrors()).isEmpty();
        } finally {
            browser.driver().manage().deleteAllCookies();
        }
    }
}
