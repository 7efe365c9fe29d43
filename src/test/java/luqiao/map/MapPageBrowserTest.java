package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.store.SpatialStore;
import luqiao.map.support.Http;
import luqiao.map.support.Screen;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web map in a real headless Chromium against the real server on the embedded backend, no
 * external tile host reachable: what a planner does, checked against the server's own API answers.
 * Screenshots go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MapPageBrowserTest extends BrowserTestBase {

    private static final Dimension DESKTOP = new Dimension(1280, 860);

    @Autowired
    SpatialStore store;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "browser-" + UUID.randomUUID()).toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @BeforeEach
    void desktop() {
        browser.driver().manage().window().setSize(DESKTOP);
    }

    @Test
    void theMapShowsTheDistrictTheZonesProjectsAndParcelsWithoutConsoleErrors() throws Exception {
        open("/");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("路桥区城乡建设项目地图");
        long zonesInApi = api("/api/zones?limit=1000").path("numberReturned").asLong();
        assertThat(count("path.zone"))
                .as("one outline per zone, district included")
                .isEqualTo(zonesInApi)
                .isGreaterThanOrEqualTo(4);
        // Every zone has its label, though one with no free room in this view is hidden (labels.js).
        assertThat(List.of(((String)
                                execute(
                                        "return [...document.querySelectorAll('.zone-label')].map((e) => e.textContent).join('|')"))
                        .split("\\|")))
                .contains("飞龙湖", "十里长街", "黄礁白沙");
        long projectsInApi =
                api("/api/projects?limit=1000").path("numberReturned").asLong();
        assertThat(number("return luqiao.overlays.projectCount()"))
                .as("one marker or shape per public project")
                .isEqualTo(projectsInApi)
                .isPositive();
        assertThat(count("#results .result-projects")).isEqualTo(projectsInApi);
        waitFor("return document.querySelectorAll('canvas.parcel-tile').length > 0 && luqiao.parcels.paths.size > 0");
        click(".legend summary");
        assertThat(texts(".legend h4")).anySatisfy(h -> assertThat(h).contains("阶段"));
        browser.screenshot("map-zh");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Issue #15: the internal stages (谋划, 前期, 招引) are never offered or explained to the public, on either screen. */
    @ParameterizedTest
    @EnumSource(Screen.class)
    void thePublicMapAndEmbedLegendAndStageFilterListOnlyThePublicStages(Screen screen) throws Exception {
        emulate(screen);
        try {
            showsOnlyThePublicStages(screen);
        } finally {
            stopEmulating();
        }
    }

    private void showsOnlyThePublicStages(Screen screen) throws Exception {
        open("/?layers=zones,projects");
        waitFor("return document.querySelectorAll('#stage-filter input').length > 0");
        assertThat(browser.driver().findElements(By.cssSelector("#stage-filter input")).stream()
                        .map(e -> e.getAttribute("value")))
                .containsExactly("开工", "竣工");
        if (!browser.driver()
                .findElement(By.cssSelector(".legend details"))
                .getAttribute("outerHTML")
                .contains(" open")) {
            execute("document.querySelector('.legend summary').click()");
        }
        waitFor("return document.querySelectorAll('.legend li').length > 0");
        String legend = (String) execute("return document.querySelector('.legend').textContent");
        assertThat(legend)
                .contains("开工")
                .contains("竣工")
                .doesNotContain("谋划")
                .doesNotContain("前期")
                .doesNotContain("招引");
        assertThat(text("#stage-filter"))
                .doesNotContain("谋划")
                .doesNotContain("前期")
                .doesNotContain("招引");
        browser.screenshot("public-map-legend-" + screen.label());

        open("/embed?layers=zones,projects&legend=1");
        if (!browser.driver()
                .findElement(By.cssSelector(".legend details"))
                .getAttribute("outerHTML")
                .contains(" open")) {
            execute("document.querySelector('.legend summary').click()");
        }
        waitFor("return document.querySelectorAll('.legend li').length > 0");
        assertThat((String) execute("return document.querySelector('.legend').textContent"))
                .contains("开工")
                .contains("竣工")
                .doesNotContain("谋划")
                .doesNotContain("前期")
                .doesNotContain("招引");
        browser.screenshot("public-embed-legend-" + screen.label());
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aStageFilterChangesTheProjectMarkersAndTheResultsListTogether() throws Exception {
        open("/");
        long all = number("return luqiao.overlays.projectCount()");
        click("#stage-filter input[value='竣工']");
        long completed = api("/ogc/collections/projects/items?limit=1000&filter="
                        + URLEncoder.encode("stage = '竣工'", StandardCharsets.UTF_8))
                .path("numberReturned")
                .asLong();
        assertThat(completed).isPositive().isLessThan(all);
        waitFor("return luqiao.overlays.projectCount() === " + completed);
        assertThat(count("#results .result-projects")).isEqualTo(completed);
        assertThat(browser.driver().getCurrentUrl())
                .contains("stage=" + URLEncoder.encode("竣工", StandardCharsets.UTF_8));
        // Zoomed in past clustering, each marker on screen is one project of that stage.
        execute("luqiao.map.setZoom(15)");
        browser.screenshot("filter-stage");
        click("#clear-filters");
        waitFor("return luqiao.overlays.projectCount() === " + all);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aDrawnRectanglesAreaTotalsEqualTheApisAnswerForTheSameGeometry() throws Exception {
        open("/?c=28.605,121.36&z=14&layers=zones,parcels");
        click("[data-tab=query]");
        click("#query-rect");
        WebElement map = browser.driver().findElement(By.id("map"));
        new Actions(browser.driver())
                .moveToElement(map, -150, -120)
                .clickAndHold()
                .moveByOffset(100, 80)
                .moveByOffset(150, 120)
                .release()
                .perform();
        waitFor("return document.body.dataset.query === 'done'");
        String geometry = (String) execute("return JSON.stringify(luqiao.query.request.geometry)");
        JsonNode answer = post("/api/analysis/parcels", "{\"geometry\":" + geometry + "}");
        assertThat(answer.path("total").path("count").asLong())
                .as("the rectangle holds parcels")
                .isPositive();
        assertThat(text("#query-total-mu"))
                .isEqualTo(format(answer.path("total").path("area_mu").asDouble(), 2));
        assertThat(text("#query-total-ha"))
                .isEqualTo(format(answer.path("total").path("area_ha").asDouble(), 4));
        assertThat(count("#query-result table")).isEqualTo(3);
        assertThat(count("path.query-parcel"))
                .isEqualTo(answer.path("total").path("count").asLong());
        assertThat(browser.driver().findElement(By.id("query-exports")).isDisplayed())
                .isTrue();
        browser.screenshot("query-rectangle");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /**
     * Issue #18: at the zooms served from overviews (the shipped parcels' cut is z11) a click on the parcels shows
     * the overview group under it (class, status, how many parcels, their area); from the next zoom on, single parcels.
     */
    @Test
    void atOverviewZoomsAClickShowsTheMergedGroupsClassCountAndAreaAndSingleParcelsFromTheNextZoom() throws Exception {
        open("/?c=28.53,121.48&z=11&layers=parcels");
        waitFor(
                """
                const map = luqiao.map, box = map.getContainer().getBoundingClientRect();
                for (let y = 80; y < box.height - 80; y += 9) {
                  for (let x = 80; x < box.width - 80; x += 9) {
                    const hit = luqiao.parcels.featureAt(map.containerPointToLatLng([x, y]));
                    if (hit && hit.overview) {
                      window.overviewPoint = [Math.round(box.left + x), Math.round(box.top + y)];
                      window.overviewHit = hit.overview;
                      return true;
                    }
                  }
                }
                return false;
                """);
        assertThat(number("return [...luqiao.parcels.paths.values()].flat().filter((h) => h.id).length"))
                .as("no single parcel at an overview zoom")
                .isZero();
        @SuppressWarnings("unchecked")
        List<Number> point = (List<Number>) execute("return window.overviewPoint");
        long count = number("return window.overviewHit.feature_count");
        assertThat(count).as("the group's parcel count").isPositive();
        new Actions(browser.driver())
                .moveToLocation(point.get(0).intValue(), point.get(1).intValue())
                .click()
                .perform();
        waitFor("return document.querySelector('.leaflet-popup .popup[data-overview=true]') !== null");
        String popup = text(".leaflet-popup .popup");
        assertThat(popup)
                .contains("地块数")
                .contains(String.format(java.util.Locale.ROOT, "%,d", count))
                .contains("亩")
                .contains((String) execute("return window.overviewHit.landuse_l1_name"));
        browser.screenshot("map-overview-popup");

        open("/?c=28.53,121.48&z=14&layers=parcels");
        waitFor("return [...luqiao.parcels.paths.values()].flat().some((h) => h.id)");
        assertThat(number("return [...luqiao.parcels.paths.values()].flat().filter((h) => h.overview).length"))
                .as("single parcels from z14 on")
                .isZero();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aMeasuredAreaIsTheServersGroundAreaInMuAndHectares() throws Exception {
        open("/?c=28.58,121.40&z=13&layers=zones");
        click("[data-tab=measure]");
        click("#measure-area");
        // Measuring's code is fetched at that first click; the map is drawn on once it is in.
        waitFor("return document.getElementById('map').classList.contains('tool-active')");
        WebElement map = browser.driver().findElement(By.id("map"));
        new Actions(browser.driver())
                .moveToElement(map, -100, -80)
                .click()
                .pause(200)
                .moveToElement(map, 120, -60)
                .click()
                .pause(200)
                .moveToElement(map, 60, 90)
                .click()
                .pause(200)
                .moveToElement(map, -100, -80)
                .click()
                .perform();
        waitFor("return document.getElementById('measure-result').dataset.geometry !== undefined");
        String geometry = (String) execute("return document.getElementById('measure-result').dataset.geometry");
        JsonNode answer = post("/api/analysis/measure", "{\"geometry\":" + geometry + "}");
        assertThat(answer.path("area_m2").asDouble())
                .as("a triangle of a few km²")
                .isGreaterThan(100_000);
        assertThat(text("#measure-result"))
                .contains(format(answer.path("area_mu").asDouble(), 2))
                .contains(format(answer.path("area_m2").asDouble() / 10000, 4));
        browser.screenshot("measure-area");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theEmbedDialogsIframeShowsThePublicMapOfTheSameViewWithoutSignIn() throws Exception {
        open("/?c=28.60,121.356&z=14&layers=zones,projects");
        click(".embed-button");
        waitFor("return document.getElementById('embed-dialog').open === true");
        String code = (String) execute("return document.getElementById('embed-code').value");
        assertThat(code)
                .startsWith("<iframe src=\"http://localhost:" + port + "/embed?")
                .contains("layers=zones%2Cprojects")
                .contains("legend=1")
                .contains("title=");
        String src = code.substring(code.indexOf("src=\"") + 5, code.indexOf('"', code.indexOf("src=\"") + 5))
                .replace("&amp;", "&");
        double[] before = centre();

        open(src.substring(("http://localhost:" + port).length()));
        long zonesInApi = new Http(port)
                .get("/api/zones?limit=1000")
                .json()
                .path("numberReturned")
                .asLong();
        assertThat(count("path.zone")).as("the public zones").isEqualTo(zonesInApi);
        assertThat(count(".leaflet-control .legend, .legend"))
                .as("legend=1 shows the legend")
                .isPositive();
        double[] after = centre();
        assertThat(after[0]).isCloseTo(before[0], org.assertj.core.api.Assertions.within(0.002));
        assertThat(after[1]).isCloseTo(before[1], org.assertj.core.api.Assertions.within(0.002));
        assertThat(browser.driver().findElements(By.cssSelector("a[href*='login'], form, input[type=password]")))
                .isEmpty();
        browser.screenshot("embed");
        assertThat(browser.consoleErrors()).isEmpty();

        open("/embed?layers=zones&zone=FLH&legend=0&lang=en");
        assertThat(count(".legend")).as("legend=0 hides it").isZero();
        assertThat(count(".project-marker, path.project"))
                .as("only the layers asked for")
                .isZero();
        assertThat((Boolean) execute("return luqiao.map.getBounds().contains(L.latLng(28.5978, 121.3558))"))
                .as("the map is focused on 飞龙湖")
                .isTrue();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void signingInFromTheHeaderShowsTheUserAndTheInternalProjectsSigningOutHidesThem() throws Exception {
        try {
            open("/");
            assertThat(text("#account")).isEqualTo("登录");
            long publicProjects = number("return luqiao.overlays.projectData.length");
            click("#account");
            waitFor("return document.body.dataset.loaded === 'true' && !document.getElementById('login').hidden");
            browser.driver().findElement(By.id("username")).sendKeys("admin");
            browser.driver().findElement(By.id("password")).sendKeys("test-admin-password");
            browser.driver()
                    .findElement(By.cssSelector("#login button[type=submit]"))
                    .click();
            browser.waitUpTo(Duration.ofSeconds(20))
                    .until(d -> !d.getCurrentUrl().contains("/login"));
            open("/");
            waitFor("return document.getElementById('account').textContent === 'admin'");
            assertThat(number("return luqiao.overlays.projectData.filter(p => p.properties.stage === '谋划').length"))
                    .as("an administrator sees the projects still being conceived")
                    .isPositive();
            waitFor("return document.querySelectorAll('#stage-filter input').length === 5");
            waitFor("return document.querySelector('.legend').textContent.includes('谋划')");
            assertThat(number("return luqiao.overlays.projectData.length")).isGreaterThan(publicProjects);
            assertThat((String) execute("return luqiao.parcels.audienceKey"))
                    .as("staff tiles have their own URLs")
                    .isEqualTo("?audience=staff");
            browser.driver().get("http://localhost:" + port + "/login");
            waitFor("return document.body.dataset.loaded === 'true' && !document.getElementById('logout').hidden");
            browser.driver()
                    .findElement(By.cssSelector("#logout button[type=submit]"))
                    .click();
            browser.waitUpTo(Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().contains("logout"));
            waitFor("return document.body.dataset.loaded === 'true' && !document.getElementById('login').hidden");
            open("/");
            assertThat(text("#account")).isEqualTo("登录");
            assertThat(number("return luqiao.overlays.projectData.length")).isEqualTo(publicProjects);
            assertThat(browser.consoleErrors()).isEmpty();
        } finally {
            browser.driver().manage().deleteAllCookies();
        }
    }

    @Test
    void landStaffEditAParcelsAttributeInTheMapAndThePopupShowsTheSavedValue() throws Exception {
        String name = newUser("LAND_STAFF");
        String parcel = "LQ-FLH-00002";
        String town = "测试街道" + UUID.randomUUID().toString().substring(0, 4);
        try {
            open("/");
            assertThat(count("[data-tab=edit]"))
                    .as("the public gets no editing")
                    .isZero();
            signIn(name);
            open("/");
            waitFor("return window.luqiao.editor !== undefined && document.querySelector('[data-tab=edit]') !== null");
            type("#search", parcel.toLowerCase(java.util.Locale.ROOT));
            waitFor("return document.querySelector('#results .result-parcels') !== null");
            click("#results .result-parcels");
            waitFor("return document.querySelector('.leaflet-popup-content .edit-feature') !== null");
            click(".leaflet-popup-content .edit-feature");
            waitFor(
                    "return !document.getElementById('edit-form').hidden && document.querySelector('#edit-history h3, #edit-history p') !== null");
            assertThat(browser.driver()
                            .findElement(By.cssSelector("#edit-form select[name=status]"))
                            .getText())
                    .contains("储备");
            type("#edit-form input[name=town]", town);
            click("#edit-save");
            waitFor("return document.querySelector('.leaflet-popup-content') !== null"
                    + " && document.querySelector('.leaflet-popup-content').textContent.includes('" + town + "')");
            assertThat(textContent(".leaflet-popup-content")).contains(parcel).contains(town);
            // The shipped version 1 (issue #15) and this edit.
            waitFor("return document.querySelectorAll('#edit-history .history > li').length === 2");
            assertThat(text("#edit-history .history li"))
                    .contains("v2")
                    .contains("修改")
                    .contains(name);
            browser.screenshot("edit-parcel-saved");
            assertThat(api("/api/parcels/" + parcel)
                            .path("properties")
                            .path("town")
                            .asString())
                    .isEqualTo(town);

            // Someone else saves first: this editor's save is refused with a clear message and a reload.
            String admin = "Basic "
                    + java.util.Base64.getEncoder()
                            .encodeToString("admin:test-admin-password".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> current = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/parcels/" + parcel))
                                    .header("Authorization", admin)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            String otherTown = "他人街道";
            HttpResponse<String> other = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/parcels/" + parcel))
                                    .header("Authorization", admin)
                                    .header("Content-Type", "application/geo+json")
                                    .header(
                                            "If-Match",
                                            current.headers().firstValue("ETag").orElseThrow())
                                    .PUT(HttpRequest.BodyPublishers.ofString(
                                            current.body().replace(town, otherTown)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
            type("#edit-form input[name=town]", "我的街道");
            click("#edit-save");
            waitFor("return document.getElementById('edit-reload') !== null");
            assertThat(text("#status")).contains("已被他人修改");
            browser.screenshot("edit-parcel-stale");
            click("#edit-reload");
            waitFor("return document.querySelector('#edit-form input[name=town]').value === '" + otherTown + "'");

            // Reshape: drag one vertex and save; the stored outline and its ground area change.
            double area = api("/api/parcels/" + parcel)
                    .path("properties")
                    .path("area_m2")
                    .asDouble();
            execute("luqiao.map.closePopup()");
            waitFor("return document.querySelector('.leaflet-popup') === null");
            click("#edit-reshape");
            List<WebElement> vertices = browser.driver().findElements(By.cssSelector(".leaflet-editing-icon"));
            assertThat(vertices).as("the parcel's vertices can be dragged").hasSizeGreaterThanOrEqualTo(4);
            String before = (String) execute("return JSON.stringify(luqiao.editor.geometry())");
            // A corner, not one of the midpoint handles between corners (those add a vertex when dragged).
            WebElement corner = (WebElement)
                    execute("return luqiao.editor.shape.getLayers()[0].editing._verticesHandlers[0]._markers[0]._icon");
            new Actions(browser.driver())
                    .moveToElement(corner)
                    .clickAndHold()
                    .pause(100)
                    .moveByOffset(5, 4)
                    .pause(100)
                    .moveByOffset(5, 4)
                    .pause(100)
                    .release()
                    .perform();
            waitFor("return JSON.stringify(luqiao.editor.geometry()) !== "
                    + JsonMapper.builder().build().writeValueAsString(before));
            click("#edit-save");
            waitFor("return document.querySelectorAll('#edit-history .history > li').length === 4");
            assertThat(api("/api/parcels/" + parcel)
                            .path("properties")
                            .path("area_m2")
                            .asDouble())
                    .isNotEqualTo(area);
            assertThat(text("#edit-history .history li")).as("newest first").contains("v4");
            assertThat(browser.consoleErrors())
                    .as("a refused save is a message, not a console error")
                    .allSatisfy(e -> assertThat(e).contains("412"));
        } finally {
            browser.driver().manage().deleteAllCookies();
        }
    }

    @Test
    void staffUploadAFileSeeTheDryRunReportWithItsMappingAndCommitIt() throws Exception {
        String parcel = "LQ-WEB-" + UUID.randomUUID().toString().substring(0, 6);
        Path csv = Files.createTempFile("parcels", ".csv");
        Files.writeString(
                csv,
                "parcel_no,landuse_code,landuse_name,landuse_l1_code,landuse_l1_name,status,wkt\r\n" + parcel
                        + ",0701,城镇住宅用地,07,居住用地,储备,\"POLYGON((121.40 28.55, 121.401 28.55, 121.401 28.551, 121.40 28.551, 121.40 28.55))\"\r\n"
                        + parcel
                        + "-x,0701,城镇住宅用地,07,居住用地,卖掉,\"POLYGON((121.40 28.55, 121.401 28.55, 121.401 28.551, 121.40 28.55))\"\r\n");
        try {
            open("/");
            click("[data-tab=transfer]");
            assertThat(browser.driver().findElement(By.id("import-section")).isDisplayed())
                    .as("the public cannot import")
                    .isFalse();
            assertThat(browser.driver().findElement(By.id("export-run")).isDisplayed())
                    .as("everyone can export")
                    .isTrue();
            signInAsAdmin();
            open("/");
            click("[data-tab=transfer]");
            waitFor("return !document.getElementById('import-section').hidden");
            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("import-layer")))
                    .selectByValue("parcels");
            browser.driver()
                    .findElement(By.id("import-file"))
                    .sendKeys(csv.toAbsolutePath().toString());
            click("#import-run");
            waitFor("return document.getElementById('import-report').dataset.status === 'ready'");
            assertThat(text("#import-counts")).contains("读取 2", "可导入 1", "拒绝 1");
            assertThat(texts("#import-report .rejected td"))
                    .anySatisfy(c -> assertThat(c).contains("卖掉"));
            assertThat((String) execute(
                            "return document.querySelector('#import-report select[data-source=landuse_code]').value"))
                    .isEqualTo("landuse_code");
            browser.screenshot("import-dry-run");
            click("#import-commit");
            waitFor("return document.getElementById('status').textContent.length > 0");
            assertThat(text("#status"))
                    .as("a file with a rejected row is not imported")
                    .contains("nothing was imported");
            assertThat(store.existingIds(luqiao.map.catalog.Layer.PARCELS, java.util.List.of(parcel)))
                    .isEmpty();
            assertThat(browser.consoleErrors()).allSatisfy(e -> assertThat(e).contains("422"));
        } finally {
            browser.driver().manage().deleteAllCookies();
        }
    }

    @Test
    void aPlannerDrawsANewProjectAndItIsStoredWhereItWasDrawn() throws Exception {
        String name = newUser("PLANNER");
        String id = "T-DRAWN-" + UUID.randomUUID().toString().substring(0, 4).toUpperCase(java.util.Locale.ROOT);
        try {
            signIn(name);
            open("/?c=28.5978,121.3558&z=16&layers=zones,projects");
            waitFor("return window.luqiao.editor !== undefined");
            click("[data-tab=edit]");
            click("#edit-draw button[data-kind=polygon]");
            WebElement map = browser.driver().findElement(By.id("map"));
            new Actions(browser.driver())
                    .moveToElement(map, -60, -40)
                    .click()
                    .pause(200)
                    .moveToElement(map, 70, -40)
                    .click()
                    .pause(200)
                    .moveToElement(map, 0, 60)
                    .click()
                    .pause(200)
                    .moveToElement(map, -60, -40)
                    .click()
                    .perform();
            waitFor(
                    "return !document.getElementById('edit-form').hidden && document.querySelector('#edit-form input[name=id]') !== null");
            type("#edit-form input[name=id]", id);
            type("#edit-form input[name=name_zh]", "湖心测试项目");
            click("#edit-save");
            waitFor("return document.querySelectorAll('#edit-history .history li').length === 1");
            assertThat(text("#edit-history .history li"))
                    .contains("v1")
                    .contains("新建")
                    .contains(name);
            Feature stored = store.get(Layer.PROJECTS, id, Audience.STAFF).orElseThrow();
            assertThat(stored.geometry().getGeometryType()).isEqualTo("Polygon");
            assertThat(stored.geometry().contains(new GeometryFactory().createPoint(new Coordinate(121.3558, 28.5978))))
                    .as("the polygon lies where it was drawn, around the map's centre")
                    .isTrue();
            assertThat(stored.properties().get("stage"))
                    .as("a new project starts at the first stage of the chain")
                    .isEqualTo("谋划");
            assertThat(((BigDecimal) stored.properties().get("area_m2")).doubleValue())
                    .isPositive();
            browser.screenshot("edit-project-drawn");
            assertThat(browser.consoleErrors()).isEmpty();
        } finally {
            browser.driver().manage().deleteAllCookies();
        }
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
                                                + java.util.Base64.getEncoder()
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
        browser.driver()
                .findElement(By.cssSelector("#login button[type=submit]"))
                .click();
        browser.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private double[] centre() {
        @SuppressWarnings("unchecked")
        java.util.List<Number> c =
                (java.util.List<Number>) execute("const c = luqiao.map.getCenter(); return [c.lat, c.lng];");
        return new double[] {c.get(0).doubleValue(), c.get(1).doubleValue()};
    }

    @Test
    void theAddressRestoresCentreZoomBasemapLayersFiltersAndTheSelectedFeature() throws Exception {
        JsonNode project = api("/api/projects/P2024-001");
        String id = project.path("id").asString();
        open("/?c=28.6,121.4&z=13&base=none&layers=zones,projects&stage="
                + enc(project.path("properties").path("stage").asString()) + "&sel=projects:" + enc(id));
        assertThat(number("return luqiao.map.getZoom()")).isGreaterThanOrEqualTo(13);
        assertThat((Boolean) execute("return luqiao.map.hasLayer(luqiao.parcels)"))
                .as("parcels left off")
                .isFalse();
        assertThat(browser.driver()
                        .findElement(By.cssSelector("#stage-filter input[value='"
                                + project.path("properties").path("stage").asString() + "']"))
                        .isSelected())
                .isTrue();
        waitFor("return document.querySelector('.leaflet-popup-content') !== null");
        assertThat(textContent(".leaflet-popup-content strong"))
                .isEqualTo(project.path("properties").path("name_zh").asString());

        // Moving the map writes the view into the address, and that address brings it back.
        execute("luqiao.map.closePopup(); luqiao.map.setView([28.55, 121.45], 15, {animate: false})");
        waitFor("return location.search.includes('z=15')");
        String shared = browser.driver().getCurrentUrl();
        browser.driver().get("about:blank");
        browser.driver().get(shared);
        waitFor("return document.body.dataset.loaded === 'true'");
        assertThat(number("return luqiao.map.getZoom()")).isEqualTo(15);
        assertThat((Double) execute("return luqiao.map.getCenter().lat")).isCloseTo(28.55, within(0.001));
        assertThat((Double) execute("return luqiao.map.getCenter().lng")).isCloseTo(121.45, within(0.001));
        browser.screenshot("restored-view");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theLanguageSwitchShowsEnglishLabels() throws Exception {
        open("/");
        browser.driver().findElement(By.id("lang")).click();
        browser.waitUpTo(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("lang=en"));
        waitFor("return document.body.dataset.loaded === 'true'");
        assertThat(text("h1")).isEqualTo("Luqiao urban-rural projects map");
        assertThat(texts(".zone-label")).contains("Feilong Lake");
        assertThat(texts("[role=tab]"))
                .containsExactly("Find", "Parcel query", "Zone statistics", "Measure", "Import/export");
        assertThat(text(".legend summary")).isEqualTo("Legend");
        assertThat(texts("#stage-filter label")).contains("Completed", "Under construction");
        assertThat(texts(".leaflet-control-layers label"))
                .anySatisfy(l -> assertThat(l).contains("Parcels"));
        assertThat(browser.driver().findElement(By.id("search")).getAttribute("placeholder"))
                .isEqualTo("Search names or codes");
        browser.screenshot("map-en");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Pairs from /work/shared/gis-sources/luqiao_places_found.csv (GCJ-02 from the source, WGS-84 derived). */
    @ParameterizedTest
    @CsvSource({
        "121.365123, 28.582654, 121.36073, 28.585668",
        "121.39712, 28.5586, 121.392692, 28.561593",
        "121.382752, 28.577913, 121.378334, 28.580907",
        "121.354999, 28.59169, 121.350624, 28.594716"
    })
    void theGcj02ShiftMatchesKnownPointPairs(double gcjLon, double gcjLat, double wgsLon, double wgsLat)
            throws Exception {
        // The shift lives in the web map's modules; any other page (e.g. /embed) is left first.
        if (!"true"
                .equals(execute(
                        "return document.body.dataset.loaded && window.luqiao && window.luqiao.gcj02 ? 'true' : ''"))) {
            open("/");
        }
        @SuppressWarnings("unchecked")
        List<Number> forward =
                (List<Number>) execute("return luqiao.gcj02.toGcj02(arguments[0], arguments[1])", wgsLon, wgsLat);
        // The derived WGS-84 columns have 6 decimals: about 0.1 m.
        assertThat(forward.get(0).doubleValue()).isCloseTo(gcjLon, within(2e-6));
        assertThat(forward.get(1).doubleValue()).isCloseTo(gcjLat, within(2e-6));
        @SuppressWarnings("unchecked")
        List<Number> back =
                (List<Number>) execute("return luqiao.gcj02.toWgs84(arguments[0], arguments[1])", gcjLon, gcjLat);
        assertThat(back.get(0).doubleValue()).isCloseTo(wgsLon, within(2e-6));
        assertThat(back.get(1).doubleValue()).isCloseTo(wgsLat, within(2e-6));
        // The shift here is hundreds of metres, so a missing shift would fail the first check.
        assertThat(Math.abs(gcjLon - wgsLon)).isGreaterThan(0.004);
    }

    @Test
    void aGcj02BasemapShiftsEveryOverlayAndAnUnreachableBasemapBreaksNothing() throws Exception {
        open("/?c=28.6,121.36&z=14");
        double before = (Double) execute("return luqiao.overlays.zones.getBounds().getWest()");
        clickBasemap("高德地图");
        waitFor("return location.search.includes('base=amap')");
        double after = (Double) execute("return luqiao.overlays.zones.getBounds().getWest()");
        assertThat(after - before).as("zones shifted east onto GCJ-02").isBetween(0.003, 0.006);
        assertThat(count("path.zone"))
                .isEqualTo(api("/api/zones?limit=1000").path("numberReturned").asLong());
        waitFor("return luqiao.parcels.paths.size > 0");
        browser.screenshot("basemap-amap-unreachable");
        clickBasemap("OpenStreetMap");
        waitFor("return location.search.includes('base=osm')");
        double back = (Double) execute("return luqiao.overlays.zones.getBounds().getWest()");
        assertThat(back).isCloseTo(before, within(1e-9));
        assertThat(number("return luqiao.overlays.projectCount()")).isPositive();
        waitFor("return document.getElementById('status').textContent.length > 0");
        assertThat(text("#status")).isEqualTo("底图瓦片无法加载，专题图层不受影响。");
        assertThat(browser.consoleErrors())
                .as("only the unreachable tile hosts fail")
                .allSatisfy(e -> assertThat(e).containsAnyOf("autonavi.com", "openstreetmap.org"));
    }

    @Test
    void searchFindsProjectsByChineseNameAndFeatureTextIsNeverHtml() throws Exception {
        String evil = "<img src=x onerror=alert(1)>";
        if (store.get(Layer.PROJECTS, "P-XSS-1", Audience.STAFF).isEmpty()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name_zh", evil);
            p.put("name_en", evil);
            p.put("category", "产业转型");
            p.put("stage", "开工");
            p.put("investment_wan", new BigDecimal("1000"));
            p.put("responsible_unit", evil);
            store.insertAll(
                    Layer.PROJECTS,
                    List.of(new Feature(
                            "P-XSS-1", p, new GeometryFactory().createPoint(new Coordinate(121.40, 28.56)))));
        }
        open("/");
        type("#search", "onerror");
        waitFor("return document.querySelectorAll('#results .result').length === 1");
        assertThat(text("#results .result-name")).isEqualTo(evil);
        click("#results .result");
        waitFor("return document.querySelector('.leaflet-popup-content') !== null");
        assertThat(textContent(".leaflet-popup-content strong")).isEqualTo(evil);
        assertThat(count("img[src=x]")).isZero();
        assertThat(browser.driver().getCurrentUrl()).contains("sel=projects:P-XSS-1");

        type("#search", "南官河");
        waitFor(
                "return [...document.querySelectorAll('#results .result-name')].some(e => e.textContent === '南官河城区绿道')");
        type("#search", "lq-flh-00001");
        waitFor("return document.querySelector('#results .result-parcels') !== null");
        assertThat(text("#results .result-parcels .result-name")).startsWith("LQ-FLH-00001");
        type("#search", "lq-flh-0000");
        waitFor("return document.querySelectorAll('#results .result-parcels').length === 9");
        assertThat(browser.driver().findElements(By.cssSelector("#results .result-parcels .result-name")))
                .allSatisfy(e -> assertThat(e.getText()).startsWith("LQ-FLH-0000"));
        browser.screenshot("search");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theZonePanelShowsTheZonesFiguresWithCharts() throws Exception {
        open("/");
        click("[data-tab=zone]");
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("zone-select")))
                .selectByValue("FLH");
        waitFor("return document.querySelectorAll('#chart-stage svg, #chart-landuse svg').length === 2");
        JsonNode stats = api("/api/stats/zones/FLH");
        assertThat(text("#zone-stats h3")).isEqualTo("飞龙湖");
        assertThat(texts("#zone-stats dd"))
                .contains(String.valueOf(stats.path("projects").path("count").asLong()));
        browser.screenshot("zone-panel");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aFailedRequestIsAReadableMessageNotABlankMap() throws Exception {
        open("/?sel=projects:NO-SUCH-PROJECT", false);
        waitFor("return document.getElementById('status').className === 'error'");
        assertThat(text("#status")).contains("NO-SUCH-PROJECT");
        assertThat(count("path.zone")).isPositive();
        browser.screenshot("failed-request");
        assertThat(browser.consoleErrors())
                .as("only the failed request")
                .singleElement()
                .asString()
                .contains("404");
    }

    @Test
    void onAPhoneThePanelIsCollapsedAndOpensWithTheKeyboard() throws Exception {
        browser.driver().manage().window().setSize(new Dimension(390, 800));
        open("/");
        assertThat(browser.driver().findElement(By.id("panel")).isDisplayed()).isFalse();
        assertThat(count("path.zone")).isPositive();
        browser.screenshot("phone-map");
        browser.driver().findElement(By.id("panel-toggle")).sendKeys(org.openqa.selenium.Keys.ENTER);
        waitFor("return document.getElementById('panel').offsetWidth > 0");
        browser.driver().findElement(By.cssSelector("[data-tab=find]")).sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
        waitFor("return !document.getElementById('tab-query').hidden");
        browser.screenshot("phone");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private void clickBasemap(String label) {
        execute("document.querySelector('.leaflet-control-layers').classList.add('leaflet-control-layers-expanded')");
        browser.driver().findElements(By.cssSelector(".leaflet-control-layers-base label")).stream()
                .filter(l -> l.getText().trim().equals(label))
                .findFirst()
                .orElseThrow()
                .click();
    }

    private long count(String css) {
        return browser.driver().findElements(By.cssSelector(css)).size();
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(r.body());
    }

    /** As the page formats numbers in zh-CN: grouping commas, fixed decimals. */
    private static String format(double value, int decimals) {
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(java.util.Locale.SIMPLIFIED_CHINESE);
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        f.setRoundingMode(java.math.RoundingMode.HALF_EVEN);
        return f.format(value);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
