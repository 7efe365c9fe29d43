package luqiao.map.transfer;

import java.util.Arrays;
import java.util.Locale;
import luqiao.map.excel.Xlsx;
import luqiao.map.web.InvalidParameterException;

/**
 * The formats a layer or query result can be exported in, with their media type and file name ending. An
 * .xlsx holds the attributes only, under Chinese titles ({@link LayerSheet}).
 */
enum ExportFormat {
    GEOJSON("application/geo+json", ".geojson"),
    CSV("text/csv", ".csv"),
    SHP("application/zip", "-shp.zip"),
    GPKG("application/geopackage+sqlite3", ".gpkg"),
    XLSX(Xlsx.MEDIA_TYPE, ".xlsx");

    final String mediaType;
    final String suffix;

    ExportFormat(String mediaType, String suffix) {
        this.mediaType = mediaType;
        this.suffix = suffix;
    }

    static ExportFormat of(String text) {
        if (text == null) {
            return GEOJSON;
        }
        return Arrays.stream(values())
                .filter(f -> f.name().equalsIgnoreCase(text.strip()))
                .findFirst()
                .orElseThrow(() -> new InvalidParameterException(
                        "format",
                        "format must be one of "
                                + String.join(
                                        ", ",
                                        Arrays.stream(values())
                                                .map(f -> f.name().toLowerCase(Locale.ROOT))
                                                .toList())));
    }
}
