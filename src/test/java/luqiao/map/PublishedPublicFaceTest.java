package luqiao.map;

import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link PublicFaceContract} in a deployment that publishes both overdue and compliance figures
 * ({@code luqiao.public.overdue}, {@code luqiao.public.compliance}) on the embedded backend: the public
 * then sees them, still without any internal stage or date.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"luqiao.public.overdue=true", "luqiao.public.compliance=true"})
class PublishedPublicFaceTest extends PublicFaceContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String dir = Path.of("target/test-data", "published-" + UUID.randomUUID())
                .toAbsolutePath()
                .toString();
        registry.add("luqiao.data-dir", () -> dir);
    }

    @Override
    boolean published() {
        return true;
    }
}
