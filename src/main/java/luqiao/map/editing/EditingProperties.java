package luqiao.map.editing;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on edited geometries ({@code luqiao.editing.*} in application.yml).
 *
 * @param maxVertices the most vertices an edited geometry may have; more is a 422
 * @param bounds      lon/lat box (min lon, min lat, max lon, max lat) every edited position must lie
 *                    in: the district with a margin, so a swapped axis or a wrong CRS is caught
 * @param maxBatch    the most parcels one batch status change may name; more is a 422
 */
@Validated
@ConfigurationProperties("luqiao.editing")
public record EditingProperties(
        @DefaultValue("20000") @Min(4) int maxVertices,
        @DefaultValue({"121.0", "28.2", "122.0", "29.0"}) @Size(min = 4, max = 4) List<Double> bounds,
        @DefaultValue("1000") @Min(1) int maxBatch) {}
