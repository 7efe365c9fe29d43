package luqiao.map.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The server's own settings ({@code luqiao.*} in application.yml; each can be set by an
 * environment variable, e.g. {@code LUQIAO_API_MAX_LIMIT}).
 */
@Validated
@ConfigurationProperties("luqiao")
public record LuqiaoProperties(
        /* Folder of the embedded H2GIS database files (default profile only). */
        @DefaultValue("./data") @NotBlank String dataDir,
        /* Scheme, host and optional port of the server as users reach it (e.g. https://map.luqiao.gov.cn):
        the start of every link the server builds. Empty: the request's own host (or a trusted proxy's
        X-Forwarded-Host, see luqiao.security.trusted-proxies). */
        @DefaultValue("") String publicBaseUrl,
        @DefaultValue @Valid Api api,
        @DefaultValue @Valid Seed seed) {

    /** Limits on the read API. */
    public record Api(
            /* Features per page when the request names no limit. */
            @DefaultValue("100") @Min(1) int defaultLimit,
            /* The largest limit a request may ask for; more is a 400. */
            @DefaultValue("10000") @Min(1) int maxLimit,
            /* How long one query may run before it is cancelled and answered 503 (whole seconds). */
            @DefaultValue("10s") java.time.Duration statementTimeout,
            /* The least limit the next link of an OGC API items page (GeoJSON) asks for: clients that page by
            next links (GDAL 3.6 asks for 10 a page) get the rest in pages this large. At most maxLimit. */
            @DefaultValue("1000") @Min(1) int nextPageLimit) {}

    /** The shipped data set, loaded into an empty database at first start. */
    public record Seed(
            @DefaultValue("true") boolean enabled,
            /* Where zones.geojson, projects.geojson and parcels.geojson are read from. */
            @DefaultValue("classpath:gis-data/") @NotBlank String location) {}
}
