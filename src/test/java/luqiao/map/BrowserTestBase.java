package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import luqiao.map.support.Browser;
import luqiao.map.support.Http;
import luqiao.map.support.Screen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What the browser tests share: one headless Chromium per test class, the server's port, and
 * helpers that wait for the page's own signal ({@code document.body.dataset.loaded}) instead of
 * sleeping. Each test class keeps its own data directory, so edits in one never move another's counts.
 */
abstract class BrowserTestBase {

    static Browser browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        browser.close();
    }

    /**
     * Sets the page's viewport to exactly this screen by Chromium's device-metrics emulation (a window size
     * would lose some height to the browser's own frame). It lasts for the class's browser until set again.
     */
    void emulate(Screen screen) {
        emulate(screen.width, screen.height, screen.mobile);
    }

    /** Sets the page's viewport to exactly this size (and a phone's touch-free mobile rendering when mobile). */
    void emulate(int width, int height, boolean mobile) {
        browser.driver()
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Back to the browser window's own size (an emulated size stays for the class's later tests otherwise). */
    void stopEmulating() {
        browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
    }

    /**
     * Asserts that the element matching {@code css} lies wholly inside the viewport, and that neither the page
     * nor the element scrolls sideways: on a phone a dialog, popup or list must fit the 390 px screen.
     */
    void assertFitsTheScreen(String css) {
        String measure =
                """
                const el = document.querySelector(arguments[0]), r = el.getBoundingClientRect();
                return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: innerWidth,
                  height: innerHeight, pageScroll: document.documentElement.scrollWidth - innerWidth,
                  ownScroll: el.scrollWidth - el.clientWidth };
                """;
        // A popup still panning into view, or a map still flying, is given time; what stays off-screen is reported.
        try {
            waitFor("const f = (function () {" + measure + "})('" + css.replace("'", "\\'") + "');"
                    + " return f.left >= 0 && f.top >= 0 && f.right <= f.width && f.bottom <= f.height"
                    + " && f.pageScroll <= 0 && f.ownScroll <= 0");
        } catch (AssertionError offScreen) {
            // reported by the assertions below
        }
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> fit = (java.util.Map<String, Object>) execute(measure, css);
        double width = ((Number) fit.get("width")).doubleValue();
        double height = ((Number) fit.get("height")).doubleValue();
        assertThat(((Number) fit.get("left")).doubleValue())
                .as("%s left edge on screen: %s", css, fit)
                .isNotNegative();
        assertThat(((Number) fit.get("top")).doubleValue())
                .as("%s top edge on screen: %s", css, fit)
                .isNotNegative();
        assertThat(((Number) fit.get("right")).doubleValue())
                .as("%s right edge on screen: %s", css, fit)
                .isLessThanOrEqualTo(width);
        assertThat(((Number) fit.get("bottom")).doubleValue())
                .as("%s bottom edge on screen: %s", css, fit)
                .isLessThanOrEqualTo(height);
        assertThat(((Number) fit.get("pageScroll")).longValue())
                .as("no sideways scroll of the page: %s", fit)
                .isNotPositive();
        assertThat(((Number) fit.get("ownScroll")).longValue())
                .as("no sideways scroll in %s: %s", css, fit)
                .isNotPositive();
    }

    /** Opens the page and waits until it has loaded; no error message may show. */
    void open(String path) {
        open(path, true);
    }

    void open(String path, boolean expectNoError) {
        browser.driver().get("http://localhost:" + port + path);
        waitUntilLoaded(expectNoError);
    }

    /** Waits until the current page says it has loaded (or failed to). */
    void waitUntilLoaded(boolean expectNoError) {
        browser.waitUpTo(Duration.ofSeconds(40)).until(d -> {
            Object loaded = ((JavascriptExecutor) d).executeScript("return document.body.dataset.loaded");
            return "true".equals(loaded) || "error".equals(loaded);
        });
        if (expectNoError) {
            assertThat(text("#status")).as("no error shown").isEmpty();
        }
    }

    Object execute(String script, Object... args) {
        return browser.driver().executeScript(script, args);
    }

    long number(String script) {
        return ((Number) execute(script)).longValue();
    }

    /**
     * Waits until the script answers true. On a timeout the failure says what the page showed (the
     * status line, console errors) and a screenshot is saved, so a failure on a loaded CI machine can
     * be read without running it again.
     */
    void waitFor(String script) {
        try {
            browser.waitUpTo(Duration.ofSeconds(20))
                    .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(script)));
        } catch (TimeoutException e) {
            String status;
            try {
                status = String.valueOf(execute(
                        "const s = document.getElementById('status'); return s ? s.textContent : '(no status line)'"));
            } catch (RuntimeException unreadable) {
                status = "(unreadable: " + unreadable.getMessage() + ")";
            }
            String shot;
            try {
                shot = browser.screenshot("timeout-" + getClass().getSimpleName() + "-" + System.currentTimeMillis())
                        .toString();
            } catch (java.io.IOException | RuntimeException unsaved) {
                shot = "(no screenshot: " + unsaved.getMessage() + ")";
            }
            throw new AssertionError(
                    "waited in vain for: " + script + "\n  page status: " + status + "\n  console errors: "
                            + browser.consoleErrors() + "\n  screenshot: " + shot,
                    e);
        }
    }

    void click(String css) {
        browser.driver().findElement(By.cssSelector(css)).click();
    }

    void type(String css, String text) {
        WebElement input = browser.driver().findElement(By.cssSelector(css));
        input.clear();
        input.sendKeys(text);
    }

    /**
     * The text of the first element matching {@code css}. A list the page redraws (an edit history after a save)
     * can replace the element between finding and reading it; then it is found again.
     */
    String text(String css) {
        for (int attempt = 1; ; attempt++) {
            try {
                return browser.driver().findElement(By.cssSelector(css)).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                if (attempt == 5) {
                    throw redrawn;
                }
            }
        }
    }

    /**
     * The trimmed text content of the elements matching {@code css}, read in one script: also the text of
     * rows a scrolling popup has out of view, which Selenium's visible text reads as empty.
     */
    @SuppressWarnings("unchecked")
    List<String> textContents(String css) {
        return (List<String>) execute(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent.trim())", css);
    }

    /**
     * The trimmed text content of the first element matching {@code css} (empty when there is none), with the
     * text a scrolling popup has out of view: a check that something is absent must see all of it.
     */
    String textContent(String css) {
        return textContents(css).stream().findFirst().orElse("");
    }

    /**
     * The trimmed visible texts of the elements matching {@code css}, found again when the page redraws them
     * meanwhile. Inside a map popup use {@link #textContents}: a popup fades in and scrolls, and Selenium reads
     * the text of an element at opacity 0 or out of the popup's view as empty.
     */
    List<String> texts(String css) {
        for (int attempt = 1; ; attempt++) {
            try {
                return browser.driver().findElements(By.cssSelector(css)).stream()
                        .map(e -> e.getText().trim())
                        .toList();
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                if (attempt == 5) {
                    throw redrawn;
                }
            }
        }
    }

    /** The anonymous API's JSON answer. */
    JsonNode api(String path) {
        return new Http(port).get(path).json();
    }

    /** The API's JSON answer as the administrator sees it (every project, overdue and compliance figures). */
    JsonNode staffApi(String path) {
        return new luqiao.map.support.Caller(port, "admin:test-admin-password")
                .get(path)
                .json();
    }

    /** Signs the browser in as the administrator through the sign-in page (callers delete the cookies after). */
    void signInAsAdmin() {
        browser.driver().get("http://localhost:" + port + "/login");
        waitFor("return document.body.dataset.loaded === 'true' && !document.getElementById('login').hidden");
        browser.driver().findElement(By.id("username")).sendKeys("admin");
        browser.driver().findElement(By.id("password")).sendKeys("test-admin-password");
        waitFor("return document.getElementById('username').value === 'admin'"
                + " && document.querySelector('#login input.csrf').value !== ''");
        browser.driver()
                .findElement(By.cssSelector("#login button[type=submit]"))
                .click();
        // waitFor reports what the page shows (a refusal, an error) should the sign-in never leave /login.
        waitFor("return !location.pathname.startsWith('/login')");
    }
}
