package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import luqiao.map.support.Screen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Printing from the web map in a real headless Chromium (embedded backend): the 打印 button opens the
 * dialog, which asks the server for the current view as a PDF and receives one, in Chinese and English;
 * on a desktop (1440×900) and on a phone (390×844), where the dialog must fit the screen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrintBrowserTest extends BrowserTestBase {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "print-browser-" + UUID.randomUUID())
                .toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @ParameterizedTest
    @EnumSource(Screen.class)
    void theDialogPrintsTheCurrentViewAsAPdf(Screen screen) throws Exception {
        emulate(screen);
        open("/?layers=zones,projects&stage=%E5%BC%80%E5%B7%A5");
        assertThat(text(".print-button")).isEqualTo("打印");
        click(".print-button");
        waitFor("return document.getElementById('print-dialog').open");
        assertThat(text("#print-dialog h2")).isEqualTo("打印专题图");
        new Select(browser.driver().findElement(By.cssSelector("#print-dialog select[name=printOrientation]")))
                .selectByValue("landscape");
        type("#print-dialog input[name=title]", "飞龙湖项目图");
        assertFitsTheScreen("#print-dialog");
        browser.screenshot("print-dialog-" + screen.label());
        click("#print-run");
        waitFor("return window.luqiao.lastPrint !== undefined");
        assertThat(execute("return luqiao.lastPrint.head")).isEqualTo("%PDF-");
        assertThat(execute("return luqiao.lastPrint.type")).isEqualTo("application/pdf");
        assertThat(number("return luqiao.lastPrint.size")).isGreaterThan(10_000);
        String query = (String) execute("return luqiao.lastPrint.query");
        assertThat(query)
                .contains("format=pdf")
                .contains("paper=A4")
                .contains("orientation=landscape")
                .contains("layers=zones%2Cprojects")
                .contains("stages=%E5%BC%80%E5%B7%A5")
                .contains("title=%E9%A3%9E%E9%BE%99%E6%B9%96");
        // The box is the map's view (WGS-84 on the default basemap).
        String[] bbox = URLDecoder.decode(query.replaceAll(".*bbox=([^&]*).*", "$1"), StandardCharsets.UTF_8)
                .split(",");
        assertThat(Double.parseDouble(bbox[0])).isCloseTo(bound("getWest"), within(1e-5));
        assertThat(Double.parseDouble(bbox[3])).isCloseTo(bound("getNorth"), within(1e-5));
        assertThat(text("#print-status")).startsWith("已下载 luqiao-map-A4-landscape.pdf");
        assertFitsTheScreen("#print-dialog");
        browser.screenshot("print-dialog-done-" + screen.label());
    }

    private double bound(String side) {
        return ((Number) execute("return luqiao.map.getBounds()." + side + "()")).doubleValue();
    }

    @Test
    void theDialogSpeaksEnglish() {
        emulate(Screen.DESKTOP);
        open("/?lang=en");
        assertThat(text(".print-button")).isEqualTo("Print");
        click(".print-button");
        waitFor("return document.getElementById('print-dialog').open");
        assertThat(text("#print-dialog h2")).isEqualTo("Print a thematic map");
        assertThat(text("#print-run")).isEqualTo("Create and download");
    }
}
