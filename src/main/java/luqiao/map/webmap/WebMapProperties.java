package luqiao.map.webmap;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the web map offers ({@code luqiao.map.*}): which basemaps, in which order, from which tile
 * servers, and the Tianditu key. An intranet deployment points the URLs at its own tile servers or
 * offers {@code none} only.
 */
@Validated
@ConfigurationProperties("luqiao.map")
public record WebMapProperties(
        /* Basemap ids offered, in menu order: none, osm, tianditu-vector, tianditu-imagery, amap. */
        @DefaultValue({"none", "osm", "tianditu-vector", "tianditu-imagery", "amap"}) @NotEmpty List<String> basemaps,
        /* The basemap shown when the address names none; must be offered. */
        @DefaultValue("none") @NotBlank String defaultBasemap,
        /* Tianditu browser key; the Tianditu basemaps are offered only when it is set. */
        @DefaultValue("") String tiandituKey,
        /* OpenStreetMap tile URL template. */
        @DefaultValue("https://tile.openstreetmap.org/{z}/{x}/{y}.png") @NotBlank String osmUrl,
        /* Tianditu WMTS template; {layer} is vec, cva, img or cia and {key} the key. */
        @DefaultValue(
                        "https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
                                + "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}")
                @NotBlank
                String tiandituUrl,
        /* Gaode/AMap tile URL template (GCJ-02). */
        @DefaultValue(
                        "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}")
                @NotBlank
                String amapUrl) {}
