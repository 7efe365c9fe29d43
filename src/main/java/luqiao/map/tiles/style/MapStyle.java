package luqiao.map.tiles.style;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import luqiao.map.catalog.Layer;
import luqiao.map.tiles.TileSet;
import luqiao.map.tiles.raster.Palette;
import luqiao.map.tiles.raster.Symbology;
import org.locationtech.jts.geom.Envelope;

/**
 * The MapLibre GL style (version 8) of the vector tiles, made from the tables the PNG tiles and printed maps
 * are drawn from ({@link Palette}, {@link Symbology}) rather than kept as a JSON file beside them: a colour or a
 * width changed there changes every rendering of the map alike, and the style can be cut to an audience (the
 * public's names only the public stages, as its tiles hold only those projects).
 *
 * <p>One vector source, the {@code all} tile set (one request per tile for the three layers), and the layers
 * bottom first as the PNG tiles draw them: parcels filled by land-use class and outlined close up, zones
 * filled and outlined by kind with the district dashed, projects coloured by stage (polygons filled, lines and
 * outlines stroked, points as dots), zone names on top.
 *
 * <p>The style has no {@code glyphs} URL, on purpose: the names are Chinese, and nothing can be fetched from the
 * internet at run time, so serving glyphs would mean rendering signed-distance-field ranges from a CJK font on
 * the server (some eighty ranges of 256 for the common ideographs alone). Without the URL, MapLibre GL JS (5.11
 * and later) draws the names in the browser's own fonts, as it draws Chinese in any case, and QGIS uses its
 * local fonts whatever the style says; {@code text-font} names the families the PNG tiles draw with, bold, so
 * that a client that has one uses it. Clients that only draw from glyph ranges (MapLibre Native) show no names.
 *
 * <p>MapLibre's zoom counts 512-pixel tiles: at its zoom {@code z} the map has the scale of the 256-pixel tiles
 * at {@code z + 1}, so every zoom rule of {@link Symbology} is one less here.
 */
final class MapStyle {

    static final String SOURCE = "luqiao";
    static final int ZOOM_OFFSET = 1;

    private MapStyle() {}

    /**
     * The style for a caller who sees {@code stages}, its source at {@code base} (the server's public base URL),
     * opening on the centre of {@code extent} (lon/lat; nowhere in particular when it is empty: no features) at
     * the 256-pixel tile zoom {@code zoom}, with zone names from {@code labelMinZoom} (also a 256-pixel tile zoom)
     * on.
     */
    static Map<String, Object> of(String base, List<String> stages, Envelope extent, int zoom, int labelMinZoom) {
        Map<String, Object> style = new LinkedHashMap<>();
        style.put("version", 8);
        style.put("name", "Luqiao Map");
        if (!extent.isNull()) {
            style.put("center", List.of(extent.centre().x, extent.centre().y));
            style.put("zoom", zoom - ZOOM_OFFSET);
        }
        style.put(
                "sources",
                Map.of(SOURCE, ordered("type", "vector", "url", base + "/tiles/" + TileSet.ALL.id() + ".json")));
        List<Map<String, Object>> layers = new ArrayList<>();
        parcels(layers);
        zones(layers);
        projects(layers, stages);
        layers.add(zoneNames(labelMinZoom));
        style.put("layers", layers);
        return style;
    }

    private static void parcels(List<Map<String, Object>> layers) {
        Map<String, Object> fill = layer("parcels-fill", "fill", Layer.PARCELS);
        fill.put(
                "paint",
                ordered(
                        "fill-color",
                        match("landuse_l1_code", Palette.LAND_USE, Palette.LAND_USE.keySet()),
                        "fill-opacity",
                        Symbology.PARCEL_FILL_OPACITY));
        layers.add(fill);
        Map<String, Object> outline = layer("parcels-outline", "line", Layer.PARCELS);
        outline.put("minzoom", Symbology.PARCEL_OUTLINE_MIN_ZOOM - ZOOM_OFFSET);
        outline.put(
                "paint",
                ordered("line-color", colour(Symbology.PARCEL_OUTLINE), "line-width", Symbology.PARCEL_OUTLINE_WIDTH));
        layers.add(outline);
    }

    private static void zones(List<Map<String, Object>> layers) {
        List<Object> district = List.of("==", List.of("get", "kind"), Symbology.DISTRICT_KIND);
        List<Object> notDistrict = List.of("!=", List.of("get", "kind"), Symbology.DISTRICT_KIND);
        Object colour = match(
                "kind",
                Palette.ZONE_KINDS,
                Palette.ZONE_KINDS.keySet().stream()
                        .filter(kind -> !kind.equals(Symbology.DISTRICT_KIND))
                        .toList());

        Map<String, Object> fill = layer("zones-fill", "fill", Layer.ZONES);
        fill.put("filter", notDistrict);
        fill.put("paint", ordered("fill-color", colour, "fill-opacity", Symbology.ZONE_FILL_OPACITY));
        layers.add(fill);

        Map<String, Object> outline = layer("zones-outline", "line", Layer.ZONES);
        outline.put("filter", notDistrict);
        outline.put("layout", roundLines());
        outline.put("paint", ordered("line-color", colour, "line-width", Symbology.ZONE_WIDTH));
        layers.add(outline);

        Map<String, Object> boundary = layer("zones-district", "line", Layer.ZONES);
        boundary.put("filter", district);
        boundary.put("layout", roundLines());
        boundary.put(
                "paint",
                ordered(
                        "line-color",
                        colour(Palette.of(Palette.ZONE_KINDS, Symbology.DISTRICT_KIND)),
                        "line-width",
                        Symbology.DISTRICT_WIDTH,
                        // MapLibre measures dashes in line widths, Java2D in pixels.
                        "line-dasharray",
                        List.of(
                                Symbology.DISTRICT_DASH[0] / Symbology.DISTRICT_WIDTH,
                                Symbology.DISTRICT_DASH[1] / Symbology.DISTRICT_WIDTH)));
        layers.add(boundary);
    }

    private static void projects(List<Map<String, Object>> layers, List<String> stages) {
        Object colour = match("stage", Palette.STAGES, stages);

        Map<String, Object> fill = layer("projects-fill", "fill", Layer.PROJECTS);
        fill.put("filter", List.of("==", List.of("geometry-type"), "Polygon"));
        fill.put("paint", ordered("fill-color", colour, "fill-opacity", Symbology.PROJECT_FILL_OPACITY));
        layers.add(fill);

        // Lines and the outlines of polygons, as the PNG tiles stroke both.
        Map<String, Object> line = layer("projects-line", "line", Layer.PROJECTS);
        line.put("filter", List.of("!=", List.of("geometry-type"), "Point"));
        line.put("layout", roundLines());
        line.put("paint", ordered("line-color", colour, "line-width", Symbology.PROJECT_WIDTH));
        layers.add(line);

        // Points: one layer per stage, with a constant colour, because QGIS 3.22 drops a data-driven circle
        // colour (it sets it on the symbol, not on its marker) and would draw every project grey.
        for (String stage : stages) {
            Map<String, Object> dot = layer("projects-point-" + stage, "circle", Layer.PROJECTS);
            dot.put(
                    "filter",
                    List.of(
                            "all",
                            List.of("==", List.of("geometry-type"), "Point"),
                            List.of("==", List.of("get", "stage"), stage)));
            dot.put(
                    "paint",
                    ordered(
                            // Java2D centres the white ring on the dot's edge, MapLibre draws it outside the radius.
                            "circle-radius",
                            Symbology.PROJECT_DOT_RADIUS - Symbology.PROJECT_DOT_OUTLINE_WIDTH / 2,
                            "circle-color",
                            colour(Palette.of(Palette.STAGES, stage)),
                            "circle-opacity",
                            Symbology.PROJECT_DOT_OPACITY,
                            "circle-stroke-color",
                            colour(Color.WHITE),
                            "circle-stroke-width",
                            Symbology.PROJECT_DOT_OUTLINE_WIDTH));
            layers.add(dot);
        }
    }

    private static Map<String, Object> zoneNames(int labelMinZoom) {
        Map<String, Object> names = layer("zones-name", "symbol", Layer.ZONES);
        names.put("minzoom", labelMinZoom - ZOOM_OFFSET);
        names.put("filter", List.of("!=", List.of("get", "kind"), Symbology.DISTRICT_KIND));
        names.put(
                "layout",
                ordered(
                        "text-field",
                        List.of("get", "name_zh"),
                        "text-font",
                        Symbology.LABEL_FAMILIES.stream()
                                .map(family -> family + " Bold")
                                .toList(),
                        "text-size",
                        Symbology.LABEL_SIZE));
        names.put(
                "paint",
                ordered(
                        "text-color",
                        colour(Symbology.LABEL_COLOUR),
                        "text-halo-color",
                        colour(Symbology.LABEL_HALO),
                        // The PNG tiles stroke the glyphs' outlines: half the stroke reaches outside.
                        "text-halo-width",
                        Symbology.LABEL_HALO_STROKE / 2));
        return names;
    }

    private static Map<String, Object> layer(String id, String type, Layer layer) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("id", id);
        l.put("type", type);
        l.put("source", SOURCE);
        l.put("source-layer", layer.id());
        return l;
    }

    private static Map<String, Object> roundLines() {
        return ordered("line-join", "round", "line-cap", "round");
    }

    /** A JSON object of these names and values, in this order (so the style reads as it is written). */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    /**
     * The colour of each of {@code keys} by the attribute's value, {@link Palette#UNKNOWN} for any other. Each
     * label is written as a list of one value, which the style specification allows: QGIS 3.22 reads only that
     * form (a single value becomes an empty {@code IN ()}, and everything turns grey).
     */
    private static List<Object> match(String attribute, Map<String, Color> palette, Collection<String> keys) {
        List<Object> match = new ArrayList<>(List.of("match", List.of("get", attribute)));
        keys.stream().sorted().forEach(key -> {
            match.add(List.of(key));
            match.add(colour(Palette.of(palette, key)));
        });
        match.add(colour(Palette.UNKNOWN));
        return match;
    }

    /** CSS colour: {@code #rrggbb}, or {@code rgba(…)} when not opaque. */
    private static String colour(Color c) {
        if (c.getAlpha() == 255) {
            return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
        }
        return String.format(
                Locale.ROOT, "rgba(%d,%d,%d,%.3f)", c.getRed(), c.getGreen(), c.getBlue(), c.getAlpha() / 255.0);
    }
}
