package luqiao.map.analysis;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Cost caps of the analysis API ({@code luqiao.analysis.*} in application.yml; environment
 * variables such as {@code LUQIAO_ANALYSIS_MAX_VERTICES}).
 *
 * @param maxVertices     the most vertices a query geometry may have; more is a 400
 * @param maxBodySize     the largest request body accepted; more is a 413
 * @param maxRadiusM      the largest {@code radius_m} of a near search, in metres; more is a 400
 * @param defaultRadiusM  {@code radius_m} when the request names none
 * @param maxNearLimit    the largest {@code limit} of a near search; more is a 400
 * @param defaultNearLimit {@code limit} when the request names none
 * @param identifyPixels  screen pixels around a click within which {@code /api/identify} lists points and lines
 * @param identifyMaxToleranceM the largest identify tolerance in metres; an explicit {@code tolerance_m} over it is a 400
 */
@Validated
@ConfigurationProperties("luqiao.analysis")
public record AnalysisProperties(
        @DefaultValue("100000") @Min(4) int maxVertices,
        @DefaultValue("8MB") DataSize maxBodySize,
        @DefaultValue("50000") @Positive double maxRadiusM,
        @DefaultValue("1000") @Positive double defaultRadiusM,
        @DefaultValue("1000") @Min(1) int maxNearLimit,
        @DefaultValue("100") @Min(1) int defaultNearLimit,
        @DefaultValue("6") @Positive double identifyPixels,
        @DefaultValue("500") @Positive double identifyMaxToleranceM) {}
