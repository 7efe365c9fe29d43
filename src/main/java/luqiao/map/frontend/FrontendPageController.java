package luqiao.map.frontend;

import luqiao.map.web.NotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The pages as {@link FrontendPages} rendered them: {@code /} is the map, {@code /embed.html} and the
 * others are where the clean URLs ({@code /embed}, {@code /login}) forward to. Revalidated on every
 * visit ({@code no-cache} with an ETag, so a repeat visit costs a 304), since they name the current
 * versions of everything else.
 */
@Controller
class FrontendPageController {

    private final FrontendPages pages;

    FrontendPageController(FrontendPages pages) {
        this.pages = pages;
    }

    @GetMapping({"/", "/{name}.html"})
    ResponseEntity<byte[]> page(@PathVariable(required = false) String name) {
        FrontendPages.Page page = pages.page(name == null ? "index" : name);
        if (page == null) {
            throw new NotFoundException("no page " + name + ".html");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .eTag(page.etag())
                .body(page.body());
    }

    /** Webjar scripts a page loads as one file ({@link FrontendPages}); named by their content, so cached for good. */
    @GetMapping("/app/*/scripts/{name}.js")
    ResponseEntity<byte[]> combinedScript(@PathVariable String name) {
        byte[] script = pages.combinedScript(name);
        if (script == null) {
            throw new NotFoundException("no combined script " + name);
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "javascript", java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(FrontendResourceConfig.IMMUTABLE)
                .body(script);
    }
}
