package luqiao.map.inspection;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Multipart bodies (the inspection form is the one endpoint that takes them) bounded by
 * {@code luqiao.inspection.max-visit-size}, replacing Spring Boot's {@code spring.servlet.multipart} defaults.
 * No bound per file here: {@link PhotoCheck} refuses a photo over {@code max-photo-size} with a 413 naming it.
 */
@Configuration(proxyBeanMethods = false)
class PhotoUploads {

    @Bean
    MultipartConfigElement multipartConfig(InspectionProperties settings) {
        return new MultipartConfigElement("", -1, settings.maxVisitSize().toBytes(), (int)
                DataSize.ofMegabytes(1).toBytes());
    }
}
