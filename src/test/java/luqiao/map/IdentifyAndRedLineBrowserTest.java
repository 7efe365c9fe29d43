package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import luqiao.map.support.Http;
import luqiao.map.support.Screen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Polygon;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #15 in a real headless Chromium on the embedded backend: the identify tool lists the zone and
 * parcel under a click, and a red-line file chosen in the query tab runs the parcel query with the
 * server's polygon; both on a desktop (1440×900) and on a phone (390×844), where the list, the popup and
 * the result in the bottom sheet must fit the screen. Screenshots go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentifyAndRedLineBrowserTest extends BrowserTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "browser-identify-" + UUID.randomUUID())
                .toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @ParameterizedTest
    @EnumSource(Screen.class)
    void aClickWithTheIdentifyToolListsTheZoneAndParcelThereAndOpensTheParcel(Screen screen) throws Exception {
        emulate(screen);
        Map<String, Object> spot = jdbc.queryForMap(
                "SELECT z.code AS zone, z.name_zh AS name, p.parcel_no AS parcel, ST_X(ST_PointOnSurface(p.geom)) AS lon,"
                        + " ST_Y(ST_PointOnSurface(p.geom)) AS lat"
                        // The first parcels only, and && first: a join over every parcel is slow on H2GIS.
                        + " FROM (SELECT parcel_no, geom FROM parcels ORDER BY parcel_no LIMIT 300) p JOIN zones z"
                        + " ON z.geom && p.geom AND ST_Contains(z.geom, ST_PointOnSurface(p.geom))"
                        + " WHERE z.is_public = TRUE AND z.kind <> 'district' AND ST_Area(p.geom) > 1e-7"
                        + " ORDER BY p.parcel_no LIMIT 1");
        String parcel = (String) spot.get("parcel");
        open("/?c=" + spot.get("lat") + "," + spot.get("lon") + "&z=18&layers=zones,projects,parcels");
        click("#identify-toggle");
        waitFor("return document.body.dataset.identify === 'on'");
        // The map's centre is the spot: a click there.
        new Actions(browser.driver())
                .moveToElement(browser.driver().findElement(By.id("map")))
                .click()
                .perform();
        waitFor("return document.body.dataset.identified === 'done'");

        assertThat(textContents(".identify [data-layer=zones] .identify-item"))
                .anySatisfy(line -> assertThat(line).contains((String) spot.get("name")));
        assertThat(browser.driver()
                        .findElements(By.cssSelector(".identify-item[data-layer=parcels][data-id='" + parcel + "']")))
                .hasSize(1);
        JsonNode api = api("/api/identify?lon=" + spot.get("lon") + "&lat=" + spot.get("lat") + "&zoom=18");
        assertThat(count(".identify-item[data-layer=parcels]"))
                .isEqualTo(api.path("parcels").size());
        assertFitsTheScreen(".identify-popup");
        browser.screenshot("identify-list-" + screen.label());

        click(".identify-item[data-layer=parcels][data-id='" + parcel + "']");
        waitFor("return !!document.querySelector(\".popup[data-layer=parcels][data-id='" + parcel + "']\")");
        assertFitsTheScreen(".leaflet-popup");
        browser.screenshot("identify-open-parcel-" + screen.label());
        // Drawing needs the map's clicks: starting a query rectangle turns identify off.
        if (screen == Screen.PHONE) {
            click("#panel-toggle");
        }
        click("[data-tab=query]");
        click("#query-rect");
        waitFor("return document.body.dataset.identify === 'off'");
        assertThat(browser.driver().findElement(By.id("identify-toggle")).getAttribute("aria-pressed"))
                .isEqualTo("false");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theIdentifyListSpeaksEnglishWithLangEn() throws Exception {
        emulate(Screen.DESKTOP);
        Map<String, Object> spot =
                jdbc.queryForMap("SELECT p.parcel_no AS parcel, ST_X(ST_PointOnSurface(p.geom)) AS lon,"
                        + " ST_Y(ST_PointOnSurface(p.geom)) AS lat FROM parcels p ORDER BY p.parcel_no DESC LIMIT 1");
        open("/?lang=en&c=" + spot.get("lat") + "," + spot.get("lon") + "&z=18&layers=zones,parcels");
        assertThat(browser.driver().findElement(By.id("identify-toggle")).getAttribute("title"))
                .startsWith("Identify");
        click("#identify-toggle");
        new Actions(browser.driver())
                .moveToElement(browser.driver().findElement(By.id("map")))
                .click()
                .perform();
        waitFor("return document.body.dataset.identified === 'done'");
        assertThat(textContents(".identify h3")).anySatisfy(h -> assertThat(h).startsWith("Parcels"));
        assertThat(text(".identify [data-layer=parcels] .identify-item")).contains((String) spot.get("parcel"), "mu");
        browser.screenshot("identify-list-en");
    }

    @ParameterizedTest
    @EnumSource(Screen.class)
    void aRedLineShapefileChosenInTheQueryTabGivesTheApisParcelCountAndMu(Screen screen) throws Exception {
        emulate(screen);
        Map<String, Object> at = jdbc.queryForMap("SELECT ST_X(ST_PointOnSurface(geom)) AS lon,"
                + " ST_Y(ST_PointOnSurface(geom)) AS lat FROM parcels ORDER BY parcel_no LIMIT 1");
        Polygon area = IdentifyAndRedLineContract.pentagonAround(
                ((Number) at.get("lon")).doubleValue(), ((Number) at.get("lat")).doubleValue());
        byte[] zip = IdentifyAndRedLineContract.shapefile(area, "EPSG:4549");
        Path file = Files.createTempDirectory("red-line-browser").resolve("红线.zip");
        Files.write(file, zip);

        JsonNode redLine = JSON.readTree(HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/analysis/redline?filename=redline.zip"))
                                .header("Content-Type", "application/octet-stream")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(zip))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .body());
        JsonNode answer = new Http(port)
                .postJson("/api/analysis/parcels", "{\"geometry\":" + redLine.path("geometry") + "}")
                .json();
        long parcels = answer.path("total").path("count").asLong();
        assertThat(parcels).as("the red line holds parcels").isPositive();

        open("/?layers=zones,parcels");
        if (screen == Screen.PHONE) {
            click("#panel-toggle");
        }
        click("[data-tab=query]");
        browser.driver()
                .findElement(By.id("query-redline-file"))
                .sendKeys(file.toAbsolutePath().toString());
        waitFor("return document.body.dataset.query === 'done'");

        assertThat(text("#query-total-mu"))
                .isEqualTo(format(answer.path("total").path("area_mu").asDouble()));
        assertThat(text(".query-total")).startsWith("合计: " + parcels + " ·");
        assertThat(count("path.query-parcel")).isEqualTo(parcels);
        assertThat(text("#query-redline-note")).contains("红线.zip", "EPSG:4549");
        assertThat((Boolean) execute("const a = document.querySelector('path.query-area').getBoundingClientRect(),"
                        + " p = document.getElementById('panel').getBoundingClientRect();"
                        + " return a.right <= p.left || p.right <= a.left || a.bottom <= p.top || p.bottom <= a.top"))
                .as("the red line is shown clear of the panel (on a phone, above the bottom sheet)")
                .isTrue();
        execute("document.querySelector('.query-total').scrollIntoView({ block: 'nearest' })");
        assertFitsTheScreen(".query-total");
        assertFitsTheScreen("#panel");
        browser.screenshot("red-line-query-" + screen.label());
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private long count(String css) {
        return browser.driver().findElements(By.cssSelector(css)).size();
    }

    private static String format(double value) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.SIMPLIFIED_CHINESE);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        f.setRoundingMode(RoundingMode.HALF_EVEN);
        return f.format(value);
    }
}
