package luqiao.map.store.overviews;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Zoom overviews of the parcels ({@code luqiao.tiles.overviews.*} in application.yml).
 *
 * @param enabled      tiles of the overview zooms read the overviews, and every write keeps them current; off: tiles
 *                     read the parcels at every zoom, and the overviews are dropped at start (so they are built anew
 *                     when switched on again)
 * @param minZoom      the lowest overview zoom; the highest is derived from the parcels' sizes when the overviews are
 *                     built ({@link OverviewLevels#cut}). At least 1: zoom 0 is also what reads of an area rather than
 *                     a tile (prints, other grids) carry, and those always read the parcels
 * @param rebuildCells cells of one level a write may touch before that level is rebuilt whole rather than cell by
 *                     cell (an import over the whole district)
 */
@Validated
@ConfigurationProperties("luqiao.tiles.overviews")
public record OverviewSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10") @Min(1) @Max(20) int minZoom,
        @DefaultValue("20000") @Min(1) int rebuildCells) {}
