package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import luqiao.map.support.Screen;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue #15, the land-consolidation staff's record, in a real headless Chromium against the real
 * server (embedded backend): the parcel popup shows staff the owner, the land-use class is picked by
 * typing, the history lists each version's changes as "field: old → new" and a geometry change as
 * its change of area, and the first edit of a shipped parcel is undone back to its version 1.
 * On a phone the essential path (popup, picker, history) works in the bottom sheet. Screenshots go to
 * target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffRecordBrowserTest extends BrowserTestBase {

    private static final String PARCEL = "LQ-FLH-00003";

    /** The phone's parcel: another one, so that neither test sees the other's edits in its history. */
    private static final String PHONE_PARCEL = "LQ-FLH-00004";

    /** Whether the element matching arguments[0] lies inside the part of the panel (the phone's bottom sheet) in view. */
    private static final String IN_THE_SHEET =
            """
            const r = document.querySelector(arguments[0]).getBoundingClientRect();
            const p = document.getElementById('panel').getBoundingClientRect();
            return r.height > 0 && r.top >= p.top && r.bottom <= p.bottom && r.left >= p.left && r.right <= p.right;
            """;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "staff-record-browser-" + UUID.randomUUID())
                .toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @Test
    void staffEditAShippedParcelReadTheChangesInItsHistoryAndUndoThemToVersionOne() throws Exception {
        emulate(Screen.DESKTOP);
        JsonNode original = staffApi("/api/parcels/" + PARCEL);
        String owner = original.path("properties").path("owner").asString();
        assertThat(owner).isNotBlank();
        assertThat(api("/api/parcels/" + PARCEL).path("properties").has("owner"))
                .as("the public is never given the owner")
                .isFalse();
        try {
            signInAsAdmin();
            open("/");
            waitFor("return window.luqiao.editor !== undefined && document.querySelector('[data-tab=edit]') !== null");
            type("#search", PARCEL.toLowerCase(Locale.ROOT));
            waitFor("return document.querySelector('#results .result-parcels') !== null");
            click("#results .result-parcels");
            waitFor("return document.querySelector('.leaflet-popup-content .edit-feature') !== null");
            assertThat(textContent(".leaflet-popup-content"))
                    .as("staff see the owner in the popup")
                    .contains("权属人")
                    .contains(owner);
            click(".leaflet-popup-content .edit-feature");
            waitFor("return !document.getElementById('edit-form').hidden"
                    + " && document.querySelector('#edit-history .history') !== null");
            assertThat(texts("#edit-history .history > li"))
                    .as("a shipped parcel has its version 1 before any edit")
                    .singleElement()
                    .satisfies(
                            v1 -> assertThat(v1).contains("v1").contains("导入").contains("gis-data"));

            // The land-use picker: typing a class lists its codes, typing a name narrows to one, Enter picks it.
            WebElement picker =
                    browser.driver().findElement(By.cssSelector("#edit-form .landuse-picker input[role=combobox]"));
            assertThat(picker.getAttribute("value")).startsWith("1401 ");
            picker.click();
            picker.sendKeys(Keys.chord(Keys.CONTROL, "a"), "耕地");
            waitFor("return !document.querySelector('.landuse-options').hidden"
                    + " && document.querySelector('.landuse-options li[data-code]') !== null");
            List<String> cropland = texts(".landuse-options li[data-code]").stream()
                    .map(option -> option.replaceAll("\\s+", " "))
                    .toList();
            assertThat(cropland)
                    .as("the level-1 class 耕地 lists its classes with code, name and class (and 后备耕地 by its name)")
                    .startsWith("0101 水田 耕地", "0102 水浇地 耕地", "0103 旱地 耕地")
                    .allSatisfy(option -> assertThat(option).contains("耕地"));
            picker.sendKeys(Keys.chord(Keys.CONTROL, "a"), "水田");
            waitFor("return document.querySelectorAll('.landuse-options li[data-code]').length === 1"
                    + " && document.querySelector('.landuse-options li[aria-selected=true]').dataset.code === '0101'");
            browser.screenshot("staff-landuse-picker");
            picker.sendKeys(Keys.ENTER);
            waitFor("return document.querySelector('.landuse-options').hidden"
                    + " && document.querySelector('#edit-form input[name=landuse_code]').value === '0101'");
            assertThat(picker.getAttribute("value")).isEqualTo("0101 水田 · 耕地");
            assertThat(texts("#edit-history .history > li"))
                    .as("Enter picked a class, it did not submit the form")
                    .hasSize(1);
            click("#edit-save");
            waitFor("return document.querySelectorAll('#edit-history .history > li').length === 2");
            assertThat(staffApi("/api/parcels/" + PARCEL)
                            .path("properties")
                            .path("landuse_name")
                            .asString())
                    .isEqualTo("水田");

            // The geometry: drag one corner and save.
            execute("luqiao.map.closePopup()");
            waitFor("return document.querySelector('.leaflet-popup') === null");
            click("#edit-reshape");
            String before = (String) execute("return JSON.stringify(luqiao.editor.geometry())");
            WebElement corner = (WebElement)
                    execute("return luqiao.editor.shape.getLayers()[0].editing._verticesHandlers[0]._markers[0]._icon");
            new Actions(browser.driver())
                    .moveToElement(corner)
                    .clickAndHold()
                    .pause(100)
                    .moveByOffset(8, 6)
                    .pause(100)
                    .moveByOffset(8, 6)
                    .pause(100)
                    .release()
                    .perform();
            execute("window.__before = arguments[0]", before);
            waitFor("return JSON.stringify(luqiao.editor.geometry()) !== window.__before");
            click("#edit-save");
            waitFor("return document.querySelectorAll('#edit-history .history > li').length === 3");

            JsonNode versions = staffApi("/api/parcels/" + PARCEL + "/history").path("versions");
            double delta = versions.get(2)
                            .path("after")
                            .path("properties")
                            .path("area_m2")
                            .asDouble()
                    - versions.get(1)
                            .path("after")
                            .path("properties")
                            .path("area_m2")
                            .asDouble();
            assertThat(delta).as("the drag changed the area").isNotZero();
            assertThat(texts("#edit-history .history > li[data-version='2'] .history-diff li"))
                    .as("the attribute edit as field: old → new, and no geometry change")
                    .containsExactly("用地代码: 1401 "
                            + original.path("properties").path("landuse_name").asString() + " → 0101 水田");
            assertThat(texts("#edit-history .history > li[data-version='3'] .history-diff li"))
                    .as("the geometry edit as its change of area, not coordinates")
                    .containsExactly("几何已修改，Δ 面积 " + (delta > 0 ? "+" : "−")
                            + String.format(Locale.ROOT, "%,.1f", Math.abs(delta)) + " 平方米（"
                            + (delta > 0 ? "+" : "−")
                            + String.format(Locale.ROOT, "%,.2f", Math.abs(delta / (10000.0 / 15)))
                            + " 亩）");
            execute("document.getElementById('edit-history').scrollIntoView()");
            browser.screenshot("staff-history-diff");

            // Undo both edits: restore version 1.
            click("#edit-history .history-restore[data-version='1']");
            waitFor("return document.querySelectorAll('#edit-history .history > li').length === 4");
            assertThat(texts("#edit-history .history > li").get(0))
                    .contains("v4")
                    .contains("恢复版本");
            JsonNode restored = staffApi("/api/parcels/" + PARCEL);
            assertThat(restored.path("properties")).isEqualTo(original.path("properties"));
            assertThat(restored.path("geometry")).isEqualTo(original.path("geometry"));
            List<String> v4 = texts("#edit-history .history > li[data-version='4'] .history-diff li");
            assertThat(v4)
                    .as("the restore lists what it undid")
                    .contains("用地代码: 0101 水田 → 1401 "
                            + original.path("properties").path("landuse_name").asString());
            browser.screenshot("staff-history-restored");

            // The same history in English.
            open("/?lang=en");
            waitFor("return window.luqiao.editor !== undefined && document.querySelector('[data-tab=edit]') !== null");
            type("#search", PARCEL.toLowerCase(Locale.ROOT));
            waitFor("return document.querySelector('#results .result-parcels') !== null");
            click("#results .result-parcels");
            waitFor("return document.querySelector('.leaflet-popup-content .edit-feature') !== null");
            assertThat(textContent(".leaflet-popup-content")).contains("Owner").contains(owner);
            click(".leaflet-popup-content .edit-feature");
            waitFor("return document.querySelectorAll('#edit-history .history > li').length === 4");
            assertThat(texts("#edit-history .history > li[data-version='2'] .history-diff li"))
                    .containsExactly("Land-use code: 1401 "
                            + original.path("properties").path("landuse_name").asString() + " → 0101 水田");
            assertThat(texts("#edit-history .history > li[data-version='3'] .history-diff li"))
                    .singleElement()
                    .satisfies(line -> assertThat(line)
                            .startsWith("geometry changed, Δ area ")
                            .endsWith(" mu)"));
            execute("document.getElementById('edit-history').scrollIntoView()");
            browser.screenshot("staff-history-diff-en");
            assertThat(browser.consoleErrors()).isEmpty();
        } finally {
            browser.driver().manage().deleteAllCookies();
        }
    }

    /**
     * On a phone (390×844) the same record in the bottom sheet: the popup with the owner fits the screen, the
     * picker's list opens in view inside the sheet, and the saved change reads as "field: old → new" there.
     */
    @Test
    void onAPhoneStaffPickTheLandUseAndReadTheChangeInTheBottomSheet() throws Exception {
        emulate(Screen.PHONE);
        JsonNode original = staffApi("/api/parcels/" + PHONE_PARCEL);
        String owner = original.path("properties").path("owner").asString();
        try {
            signInAsAdmin();
            open("/");
            waitFor("return window.luqiao.editor !== undefined && document.querySelector('[data-tab=edit]') !== null");
            click("#panel-toggle");
            type("#search", PHONE_PARCEL.toLowerCase(Locale.ROOT));
            waitFor("return document.querySelector('#results .result-parcels') !== null");
            click("#results .result-parcels");
            waitFor("return document.querySelector('.leaflet-popup-content .edit-feature') !== null");
            assertThat(textContent(".leaflet-popup-content")).contains("权属人").contains(owner);
            assertFitsTheScreen(".leaflet-popup");
            browser.screenshot("staff-popup-phone");
            click(".leaflet-popup-content .edit-feature");
            waitFor("return !document.getElementById('edit-form').hidden"
                    + " && document.querySelector('#edit-history .history') !== null");
            assertFitsTheScreen("#panel");
            // Waited for: Leaflet fades a closed popup out and removes its element 200 ms later.
            waitFor(
                    """
                    const b = luqiao.editor.shape.getBounds(), map = luqiao.map, box = map.getContainer().getBoundingClientRect();
                    const top = box.top + map.latLngToContainerPoint(b.getNorthWest()).y;
                    const bottom = box.top + map.latLngToContainerPoint(b.getSouthEast()).y;
                    return top >= box.top && bottom <= document.getElementById('panel').getBoundingClientRect().top
                      && document.querySelector('.leaflet-popup') === null;
                    """);

            WebElement picker =
                    browser.driver().findElement(By.cssSelector("#edit-form .landuse-picker input[role=combobox]"));
            // A word many classes share: the list, at its full height, opens in view in the sheet, under the box.
            picker.click();
            picker.sendKeys(Keys.chord(Keys.CONTROL, "a"), "用地");
            waitFor("return document.querySelectorAll('.landuse-options li[data-code]').length > 12");
            waitFor("return (function () {" + IN_THE_SHEET + "})('.landuse-options')");
            assertThat((Boolean) execute(IN_THE_SHEET, "#edit-form .landuse-picker input[role=combobox]"))
                    .as("the box typed in stays in view")
                    .isTrue();
            browser.screenshot("staff-landuse-picker-class-phone");
            picker.sendKeys(Keys.chord(Keys.CONTROL, "a"), "水田");
            waitFor("return document.querySelectorAll('.landuse-options li[data-code]').length === 1"
                    + " && document.querySelector('.landuse-options li[aria-selected=true]').dataset.code === '0101'");
            waitFor("return (function () {" + IN_THE_SHEET + "})('.landuse-options')");
            browser.screenshot("staff-landuse-picker-phone");
            picker.sendKeys(Keys.ENTER);
            waitFor("return document.querySelector('#edit-form input[name=landuse_code]').value === '0101'");
            click("#edit-save");
            waitFor("return document.querySelectorAll('#edit-history .history > li').length === 2");

            String change = "#edit-history .history > li[data-version='2'] .history-diff li";
            assertThat(texts(change))
                    .containsExactly("用地代码: 1401 "
                            + original.path("properties").path("landuse_name").asString() + " → 0101 水田");
            execute("document.querySelector(arguments[0]).scrollIntoView({ block: 'nearest' })", change);
            assertThat((Boolean) execute(IN_THE_SHEET, change))
                    .as("the change is read in the sheet")
                    .isTrue();
            assertFitsTheScreen("#panel");
            browser.screenshot("staff-history-diff-phone");

            click("#edit-history .history-restore[data-version='1']");
            waitFor("return document.querySelectorAll('#edit-history .history > li').length === 3");
            assertThat(staffApi("/api/parcels/" + PHONE_PARCEL).path("properties"))
                    .isEqualTo(original.path("properties"));
            assertThat(browser.consoleErrors()).isEmpty();
        } finally {
            browser.driver().manage().deleteAllCookies();
        }
    }
}
