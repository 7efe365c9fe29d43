package luqiao.map.print;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.catalog.PublicPolicy;
import luqiao.map.geometry.Bbox;
import luqiao.map.web.AsOf;
import luqiao.map.web.InvalidParameterException;
import org.locationtech.jts.geom.Envelope;

/**
 * One print as asked for, checked: what {@code GET /api/print} takes. Every size is bounded by the
 * choices themselves (A4 or A3 at 300 dpi, a title of at most {@link #MAX_TITLE} characters), so no
 * request can ask for a larger render; anything else is a 400 naming the parameter.
 *
 * @param pdf       PDF (else PNG)
 * @param paper     the sheet
 * @param landscape the orientation
 * @param bbox      the lon/lat area to show (all of it, centred), or null for the district
 * @param layers    the layers to print, each with the style keys it is filtered to (stages of projects,
 *                  land-use classes of parcels; empty: all)
 * @param title     the map's title
 * @param asOf      the date projects are shown as of, or null for now
 */
record PrintRequest(
        boolean pdf,
        Paper paper,
        boolean landscape,
        Envelope bbox,
        Map<Layer, Set<String>> layers,
        String title,
        LocalDate asOf) {

    static final int MAX_TITLE = 60;
    static final String DEFAULT_TITLE = "路桥区城乡建设项目专题图";
    static final Set<String> PARAMETERS =
            Set.of("format", "paper", "orientation", "bbox", "layers", "stages", "landuse", "title", "asOf");

    /** The parameters read for the caller's view: a stage it cannot see is no filter it may ask for. */
    static PrintRequest read(Map<String, String> query, Audience audience, PublicPolicy policy) {
        for (String name : query.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new InvalidParameterException(
                        name, "unknown parameter '" + name + "'; print takes " + String.join(", ", sorted()));
            }
        }
        String format = query.getOrDefault("format", "pdf").toLowerCase(Locale.ROOT);
        if (!format.equals("pdf") && !format.equals("png")) {
            throw new InvalidParameterException("format", "format must be pdf or png, not '" + format + "'");
        }
        Paper paper = Arrays.stream(Paper.values())
                .filter(p -> p.name().equalsIgnoreCase(query.getOrDefault("paper", "A4")))
                .findFirst()
                .orElseThrow(() -> new InvalidParameterException(
                        "paper", "paper must be A4 or A3, not '" + query.get("paper") + "'"));
        String orientation = query.getOrDefault("orientation", "portrait").toLowerCase(Locale.ROOT);
        if (!orientation.equals("portrait") && !orientation.equals("landscape")) {
            throw new InvalidParameterException(
                    "orientation", "orientation must be portrait or landscape, not '" + orientation + "'");
        }
        Envelope bbox = null;
        if (query.containsKey("bbox")) {
            Bbox b = Bbox.parse("bbox", query.get("bbox"));
            if (b.crossesAntimeridian()) {
                throw new InvalidParameterException(
                        "bbox", "bbox minLon is greater than maxLon: a sheet cannot span the antimeridian");
            }
            if (b.minLon() == b.maxLon() || b.minLat() == b.maxLat()) {
                throw new InvalidParameterException("bbox", "bbox must have an area: its sides are of zero length");
            }
            bbox = new Envelope(b.minLon(), b.maxLon(), b.minLat(), b.maxLat());
        }
        return new PrintRequest(
                format.equals("pdf"),
                paper,
                orientation.equals("landscape"),
                bbox,
                layers(query, policy.stages(audience)),
                title(query.get("title")),
                AsOf.parse(query.get(AsOf.PARAMETER)));
    }

    private static Map<Layer, Set<String>> layers(Map<String, String> query, List<String> stages) {
        Map<Layer, Set<String>> layers = new EnumMap<>(Layer.class);
        for (String name : list(query.getOrDefault("layers", "zones,projects,parcels"))) {
            Layer layer = Layer.byName(name)
                    .orElseThrow(() -> new InvalidParameterException(
                            "layers", "unknown layer '" + name + "'; the layers are zones, projects and parcels"));
            layers.put(layer, new LinkedHashSet<>());
        }
        if (layers.isEmpty()) {
            throw new InvalidParameterException("layers", "layers must name at least one of zones, projects, parcels");
        }
        filter(query, "stages", Layer.PROJECTS, stages, layers);
        filter(query, "landuse", Layer.PARCELS, List.copyOf(Legend.LAND_USE.keySet()), layers);
        return layers;
    }

    /** The layer's style keys named by the parameter, each one of {@code allowed}. */
    private static void filter(
            Map<String, String> query,
            String parameter,
            Layer layer,
            List<String> allowed,
            Map<Layer, Set<String>> layers) {
        if (!query.containsKey(parameter)) {
            return;
        }
        if (!layers.containsKey(layer)) {
            throw new InvalidParameterException(
                    parameter, parameter + " filters the " + layer.id() + ", which layers does not name");
        }
        for (String value : list(query.get(parameter))) {
            if (!allowed.contains(value)) {
                throw new InvalidParameterException(
                        parameter, parameter + ": '" + value + "' is not one of " + String.join(", ", allowed));
            }
            layers.get(layer).add(value);
        }
    }

    private static String title(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_TITLE;
        }
        String title = text.strip();
        if (title.codePointCount(0, title.length()) > MAX_TITLE) {
            throw new InvalidParameterException("title", "title may have at most " + MAX_TITLE + " characters");
        }
        if (title.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException(
                    "title", "title may not contain control characters (line breaks, tabs)");
        }
        return title;
    }

    private static List<String> list(String text) {
        List<String> values = new ArrayList<>();
        for (String v : text.split(",")) {
            if (!v.isBlank()) {
                values.add(v.strip());
            }
        }
        return values;
    }

    private static List<String> sorted() {
        return PARAMETERS.stream().sorted().toList();
    }

    /** The file name the answer is offered under. */
    String fileName() {
        return "luqiao-map-" + paper.name() + "-" + (landscape ? "landscape" : "portrait") + (pdf ? ".pdf" : ".png");
    }
}
