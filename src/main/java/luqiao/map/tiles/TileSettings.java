package luqiao.map.tiles;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Map tile settings ({@code luqiao.tiles.*} in application.yml, each overridable by an environment
 * variable such as {@code LUQIAO_TILES_CACHE_MAX_BYTES}).
 *
 * @param encoder           who encodes vector tiles: {@code database} (PostGIS ST_AsMVT), {@code java}, or
 *                          {@code auto} (the database on PostGIS, Java on H2GIS, which has no MVT encoder)
 * @param cacheMaxBytes     size bound of the in-memory tile cache, in bytes; 0 turns caching off
 * @param maxAge            the {@code Cache-Control: max-age} clients and proxies are told
 * @param buffer            how far geometries reach beyond the tile edge, in tile units (of 4096), so
 *                          strokes and labels do not break at tile seams
 * @param maxFeatures       features per layer per tile; more are thinned (smallest dropped first)
 * @param maxBytes          bytes per encoded vector tile; a larger tile is thinned until it fits
 * @param minAreaPixels     polygons smaller than this many screen pixels (of a 256-px tile) at the tile's
 *                          zoom are left out: invisible at that zoom, and what keeps low zooms cheap
 * @param labelMinZoom      the lowest zoom at which raster tiles carry zone names
 */
@Validated
@ConfigurationProperties("luqiao.tiles")
public record TileSettings(
        @DefaultValue("auto") @NotNull Encoder encoder,
        @DefaultValue("268435456") @Min(0) long cacheMaxBytes,
        @DefaultValue("1h") @NotNull Duration maxAge,
        @DefaultValue("64") @Min(0) @Max(4096) int buffer,
        @DefaultValue("20000") @Min(1) int maxFeatures,
        @DefaultValue("1000000") @Min(1024) int maxBytes,
        @DefaultValue("1.0") @DecimalMin("0.0") double minAreaPixels,
        @DefaultValue("12") @Min(0) @Max(22) int labelMinZoom) {

    /** MVT extent: the tile's width in integer tile units (MVT 2.1's customary 4096). */
    public static final int EXTENT = 4096;

    public enum Encoder {
        AUTO,
        DATABASE,
        JAVA
    }

    /** The buffer as a fraction of the tile width. */
    public double bufferFraction() {
        return (double) buffer / EXTENT;
    }
}
