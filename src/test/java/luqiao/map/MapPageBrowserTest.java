package luqiao.map;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import luqiao.map.support.Browser;
import luqiao.map.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The first map in a real headless Chromium against the real server on the embedded backend. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MapPageBrowserTest {

    private static Browser browser;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "browser-" + UUID.randomUUID()).toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @BeforeAll
    static void start() throws Exception {
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        browser.close();
    }

    @Test
    void theMapShowsTheDistrictTheZonesAndThePublicProjectsWithoutConsoleErrors() throws Exception {
        open("/");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("路桥区城乡建设项目地图");
        long zones = count("path.zone");
        long zonesInApi = new Http(port).get("/api/zones?limit=1000").json().path("numberReturned").asLong();
        assertThat(zones).as("one outline per zone, district included").isEqualTo(zonesInApi).isGreaterThanOrEqualTo(4);
        assertThat(browser.driver().findElements(By.cssSelector(".zone-label")).stream().map(e -> e.getText()))
                .contains("飞龙湖", "十里长街", "黄礁白沙");
        long projectsInApi = new Http(port).get("/api/projects?limit=1000").json().path("numberReturned").asLong();
        assertThat(count("path.project")).as("one marker or shape per public project").isEqualTo(projectsInApi).isPositive();
        browser.screenshot("map-zh");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theLanguageSwitchShowsEnglishLabels() throws Exception {
        open("/");
        browser.driver().findElement(By.id("lang")).click();
        browser.waitUpTo(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("lang=en"));
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> "true".equals(
                ((JavascriptExecutor) d).executeScript("return document.body.dataset.loaded")));
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Luqiao urban-rural projects map");
        assertThat(browser.driver().findElements(By.cssSelector(".zone-label")).stream().map(e -> e.getText()))
                .contains("Feilong Lake");
        browser.screenshot("map-en");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private void open(String path) {
        browser.driver().get("http://localhost:" + port + path);
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> {
            Object loaded = ((JavascriptExecutor) d).executeScript("return document.body.dataset.loaded");
            return "true".equals(loaded) || "error".equals(loaded);
        });
        assertThat(browser.driver().findElement(By.id("status")).getText()).as("no error shown").isEmpty();
    }

    private long count(String css) {
        return browser.driver().findElements(By.cssSelector(css)).size();
    }
}
