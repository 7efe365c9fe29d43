package luqiao.map.frontend;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Versioned files are cached for good: the web map's own under {@code /app/<content hash>/} and webjars
 * under their version ({@code /webjars/leaflet/1.9.4/...}); a new release has new URLs. The unversioned
 * URLs ({@code /js/app.js}, {@code /webjars/leaflet/dist/leaflet.js}) still work for pages and embeds
 * published before, through Spring Boot's own handlers, revalidated ({@code spring.web.resources.cache}).
 */
@Configuration(proxyBeanMethods = false)
class FrontendResourceConfig implements WebMvcConfigurer {

    static final CacheControl IMMUTABLE =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final FrontendFiles files;

    FrontendResourceConfig(FrontendFiles files) {
        this.files = files;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/app/" + files.version() + "/**")
                .addResourceLocations(FrontendFiles.LOCATION)
                .setCacheControl(IMMUTABLE);
        // A path segment after the webjar's name that starts with a digit is its version; the more specific
        // pattern wins over Spring Boot's /webjars/** (which finds unversioned paths through the locator).
        registry.addResourceHandler("/webjars/{webjar}/{version:\\d[\\w.-]*}/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(IMMUTABLE);
    }
}
