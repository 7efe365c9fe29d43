package luqiao.map.print;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Printed maps ({@code luqiao.print.*}, each overridable by an environment variable such as
 * {@code LUQIAO_PRINT_REVIEW_NUMBER}).
 *
 * @param reviewNumber  the map review number (审图号) printed on every map, e.g. 浙S(2024)123号; empty: no such line
 * @param source        the source line's text (after 资料来源：)
 * @param font          a TrueType font file (.ttf or .ttc) with Chinese glyphs; empty: the first installed of
 *                      {@link PrintFont#CANDIDATES}
 * @param maxConcurrent prints rendered at once (each holds a page of up to 4961 × 3508 pixels); more wait
 *                      up to {@link Printer#WAIT} and are then answered 503
 */
@Validated
@ConfigurationProperties("luqiao.print")
public record PrintSettings(
        @DefaultValue("") @NotNull String reviewNumber,
        @DefaultValue("路桥区城乡建设项目地图") @NotNull String source,
        @DefaultValue("") @NotNull String font,
        @DefaultValue("2") @Min(1) int maxConcurrent) {}
