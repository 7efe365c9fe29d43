package luqiao.map.invest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.cql2.Cql2;
import luqiao.map.geojson.Feature;
import luqiao.map.geojson.GeoJsonFeatureSerializer;
import luqiao.map.geometry.AreaUnits;
import luqiao.map.store.FeatureQuery;
import luqiao.map.store.SpatialStore;
import luqiao.map.web.Csv;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.JsonBodies;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The investment map's data (招商地图): parcels on offer to investors, those in the land reserve
 * (储备) or being prepared for supply (做地), with area, land use, town and zone, and the configured
 * contact line. It is a public view whoever asks: read as {@link Audience#PUBLIC}, and only the
 * fields listed here are sent (never the owner).
 */
@RestController
class InvestController {

    static final List<String> STATUSES = List.of("储备", "做地");
    private static final List<String> FIELDS =
            List.of("status", "landuse_code", "landuse_name", "landuse_l1_code", "landuse_l1_name", "town");

    private final SpatialStore store;
    private final InvestProperties settings;
    private final JsonBodies json;

    InvestController(SpatialStore store, InvestProperties settings, JsonBodies json) {
        this.store = store;
        this.settings = settings;
        this.json = json;
    }

    /**
     * Parcels on offer, largest first. {@code min_mu}/{@code max_mu}: area range in 亩 (inclusive);
     * {@code landuse}: comma-separated level-1 (2-digit) or level-2 (4-digit) codes; {@code format=csv} for a download.
     */
    @GetMapping("/api/invest/parcels")
    ResponseEntity<byte[]> parcels(
            @RequestParam(name = "min_mu", required = false) Double minMu,
            @RequestParam(name = "max_mu", required = false) Double maxMu,
            @RequestParam(required = false) String landuse,
            @RequestParam(defaultValue = "geojson") String format) {
        if (!format.equals("geojson") && !format.equals("csv")) {
            throw new InvalidParameterException("format", "format must be geojson or csv");
        }
        StringBuilder filter = new StringBuilder("status IN ('" + String.join("', '", STATUSES) + "')");
        if (minMu != null) {
            filter.append(" AND area_m2 >= ").append(m2(minMu, "min_mu"));
        }
        if (maxMu != null) {
            filter.append(" AND area_m2 <= ").append(m2(maxMu, "max_mu"));
        }
        if (minMu != null && maxMu != null && minMu > maxMu) {
            throw new InvalidParameterException("min_mu", "min_mu must not be larger than max_mu");
        }
        Set<String> codes = codes(landuse);
        if (!codes.isEmpty()) {
            String list = "('" + String.join("', '", codes) + "')";
            filter.append(" AND (landuse_l1_code IN ")
                    .append(list)
                    .append(" OR landuse_code IN ")
                    .append(list)
                    .append(")");
        }
        // The filter is made of fixed text and values checked above (numbers, digit codes); the
        // renderer binds every value as a parameter.
        FeatureQuery query = new FeatureQuery(
                Audience.PUBLIC,
                null,
                Cql2.parseText(filter.toString()),
                null,
                List.of(new FeatureQuery.SortKey("area_m2", false)),
                Integer.MAX_VALUE,
                0);
        List<Zone> zones = zones();
        List<Feature> offered = store.find(Layer.PARCELS, query).features().stream()
                .map(f -> offer(f, zones))
                .toList();
        return format.equals("csv") ? csv(offered) : geoJson(offered);
    }

    /** A parcel with the public fields of the offer only, and the smallest public zone holding its interior point. */
    private static Feature offer(Feature parcel, List<Zone> zones) {
        Map<String, Object> p = new LinkedHashMap<>();
        FIELDS.forEach(f -> p.put(f, parcel.properties().get(f)));
        Point inside = parcel.geometry().getInteriorPoint();
        Feature zone = zones.stream()
                .filter(z -> z.prepared().contains(inside))
                .map(Zone::feature)
                .findFirst()
                .orElse(null);
        p.put("zone", zone == null ? null : zone.id());
        p.put("zone_name_zh", zone == null ? null : zone.properties().get("name_zh"));
        p.put("zone_name_en", zone == null ? null : zone.properties().get("name_en"));
        p.put("area_m2", parcel.properties().get("area_m2"));
        return new Feature(parcel.id(), p, parcel.geometry());
    }

    private record Zone(Feature feature, PreparedGeometry prepared) {}

    /** Public zones (the district aside), smallest first. */
    private List<Zone> zones() {
        return store.find(Layer.ZONES, FeatureQuery.page(Audience.PUBLIC, null, 10_000, 0)).features().stream()
                .filter(z -> !"district".equals(z.properties().get("kind")))
                .sorted(Comparator.comparing(z -> (BigDecimal) z.properties().get("area_m2")))
                .map(z -> new Zone(z, PreparedGeometryFactory.prepare(z.geometry())))
                .toList();
    }

    private ResponseEntity<byte[]> geoJson(List<Feature> offered) {
        double total = offered.stream()
                .mapToDouble(f -> ((BigDecimal) f.properties().get("area_m2")).doubleValue())
                .sum();
        return json.ok(
                JsonBodies.GEO_JSON,
                new Offer(
                        "FeatureCollection",
                        settings.contact(),
                        offered.size(),
                        BigDecimal.valueOf(AreaUnits.mu(total)).setScale(4, RoundingMode.HALF_UP),
                        offered));
    }

    /** The parcels on offer: a FeatureCollection with whom to contact and their total area in 亩. */
    record Offer(
            String type,
            String contact,
            int numberReturned,
            BigDecimal area_mu,
            @JsonSerialize(contentUsing = GeoJsonFeatureSerializer.class) List<Feature> features) {}

    private static ResponseEntity<byte[]> csv(List<Feature> offered) {
        List<String> columns = new ArrayList<>(List.of("parcel_no"));
        columns.addAll(FIELDS);
        columns.addAll(List.of("zone", "zone_name_zh", "area_m2", "area_mu"));
        List<List<Object>> rows = new ArrayList<>();
        for (Feature f : offered) {
            List<Object> row = new ArrayList<>();
            row.add(f.id());
            FIELDS.forEach(name -> row.add(f.properties().get(name)));
            BigDecimal m2 = (BigDecimal) f.properties().get("area_m2");
            row.addAll(Arrays.asList(
                    f.properties().get("zone"),
                    f.properties().get("zone_name_zh"),
                    m2.setScale(2, RoundingMode.HALF_UP),
                    BigDecimal.valueOf(AreaUnits.mu(m2.doubleValue())).setScale(4, RoundingMode.HALF_UP)));
            rows.add(row);
        }
        return Csv.download("invest-parcels.csv", columns, rows);
    }

    private static String m2(double mu, String parameter) {
        if (!(mu >= 0) || Double.isInfinite(mu)) {
            throw new InvalidParameterException(parameter, parameter + " must be a number of 亩, 0 or more");
        }
        return BigDecimal.valueOf(mu * AreaUnits.M2_PER_MU).toPlainString();
    }

    private static Set<String> codes(String landuse) {
        Set<String> codes = new LinkedHashSet<>();
        if (landuse == null || landuse.isBlank()) {
            return codes;
        }
        for (String code : landuse.split(",")) {
            String c = code.strip();
            if (!c.matches("\\d{2}|\\d{4}")) {
                throw new InvalidParameterException(
                        "landuse",
                        "landuse: '" + c + "' is not a land-use code of level 1"
                                + " (2 digits, e.g. 07) or level 2 (4 digits, e.g. 0701)");
            }
            codes.add(c);
        }
        return codes;
    }
}
