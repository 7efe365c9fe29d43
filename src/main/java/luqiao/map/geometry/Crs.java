package luqiao.map.geometry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * A coordinate reference system the server accepts, and transforms of JTS geometries between it
 * and WGS 84 lon/lat (the storage CRS, SRID 4326).
 *
 * <p>Supported: OGC CRS84, EPSG:4326 and EPSG:4490 (CGCS2000; treated as equal to WGS 84, see
 * DOMAIN.md), EPSG:4549 and EPSG:4550 (CGCS2000 3-degree Gauss-Krüger, central meridians 120°E and
 * 123°E, without zone prefix), EPSG:3857 (web Mercator). Names are accepted as {@code EPSG:4549},
 * {@code http://www.opengis.net/def/crs/EPSG/0/4549}, {@code urn:ogc:def:crs:EPSG::4549}, and for
 * CRS84 as {@code CRS84}, {@code OGC:CRS84} or its URI/URN.
 *
 * <p>Coordinates are always handled in GIS order, x = easting/longitude, y = northing/latitude,
 * whatever the authority's axis order ({@link #authorityNorthingFirst()} tells the latter, for
 * protocols that must honour it). Projected CRSs are converted to their own geographic CRS, with no
 * datum shift: CGCS2000 and WGS 84 differ by centimetres, which the plan treats as equal; this is
 * what PROJ's {@code cs2cs EPSG:4549 EPSG:4326} and PostGIS {@code ST_Transform} do as well.
 * Instances are immutable and thread-safe.
 */
public final class Crs {

    private static final CRSFactory FACTORY = new CRSFactory();
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();
    private static final Pattern EPSG = Pattern.compile(
            "(?:EPSG:|HTTPS?://WWW\\.OPENGIS\\.NET/DEF/CRS/EPSG/0/|URN:OGC:DEF:CRS:EPSG:[0-9.]*:)([0-9]{4,6})");
    private static final Pattern CRS84_NAMES = Pattern.compile(
            "CRS84|OGC:CRS84|HTTPS?://WWW\\.OPENGIS\\.NET/DEF/CRS/OGC/1\\.3/CRS84|URN:OGC:DEF:CRS:OGC:1\\.3:CRS84");

    /** OGC CRS84: WGS 84 longitude, latitude. The default of GeoJSON and of this server. */
    public static final Crs CRS84 =
            new Crs("OGC:CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326, true, false, null);

    private static final Map<Integer, Crs> BY_EPSG = Map.of(
            4326, new Crs("EPSG:4326", uri(4326), 4326, true, true, null),
            4490, new Crs("EPSG:4490", uri(4490), 4490, true, true, null),
            4549, projected(4549, true),
            4550, projected(4550, true),
            3857, projected(3857, false));

    private final String id;
    private final String uri;
    private final int srid;
    private final boolean lonLat;
    private final boolean northingFirst;
    private final CoordinateReferenceSystem projected;

    private Crs(
            String id,
            String uri,
            int srid,
            boolean lonLat,
            boolean northingFirst,
            CoordinateReferenceSystem projected) {
        this.id = id;
        this.uri = uri;
        this.srid = srid;
        this.lonLat = lonLat;
        this.northingFirst = northingFirst;
        this.projected = projected;
    }

    private static Crs projected(int epsg, boolean northingFirst) {
        return new Crs("EPSG:" + epsg, uri(epsg), epsg, false, northingFirst, FACTORY.createFromName("EPSG:" + epsg));
    }

    private static String uri(int epsg) {
        return "http://www.opengis.net/def/crs/EPSG/0/" + epsg;
    }

    /** The CRS named by the request parameter {@code crs}; a 400 naming {@code crs} when unknown. */
    public static Crs of(String text) {
        return of("crs", text);
    }

    /** The CRS named by {@code text}; a 400 naming {@code parameter} when it is not supported. */
    public static Crs of(String parameter, String text) {
        return find(text)
                .orElseThrow(() -> new GeometryArgumentException(
                        parameter,
                        parameter + ": unsupported coordinate reference system '" + text + "'; supported are "
                                + String.join(", ", supportedIds())));
    }

    /** The CRS named by {@code text}, or empty when it is not supported. */
    public static Optional<Crs> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.trim().toUpperCase(Locale.ROOT);
        if (CRS84_NAMES.matcher(name).matches()) {
            return Optional.of(CRS84);
        }
        Matcher m = EPSG.matcher(name);
        return m.matches() ? Optional.ofNullable(BY_EPSG.get(Integer.parseInt(m.group(1)))) : Optional.empty();
    }

    /** Every supported CRS, CRS84 first. */
    public static List<Crs> supported() {
        return List.of(
                CRS84, BY_EPSG.get(4326), BY_EPSG.get(4490), BY_EPSG.get(4549), BY_EPSG.get(4550), BY_EPSG.get(3857));
    }

    private static List<String> supportedIds() {
        return supported().stream().map(Crs::id).toList();
    }

    /** {@code OGC:CRS84} or {@code EPSG:nnnn}. */
    public String id() {
        return id;
    }

    /** The OGC URI, e.g. {@code http://www.opengis.net/def/crs/EPSG/0/4549}. */
    public String uri() {
        return uri;
    }

    /** The EPSG code (4326 for CRS84). */
    public int srid() {
        return srid;
    }

    /** Whether coordinates are WGS 84 (or CGCS2000) longitude/latitude, needing no transform. */
    public boolean isLonLat() {
        return lonLat;
    }

    /**
     * Whether the authority lists the north axis first (EPSG:4326 and 4490 are lat/lon; the
     * CGCS2000 Gauss-Krüger CRSs are X north, Y east). This class never swaps axes itself.
     */
    public boolean authorityNorthingFirst() {
        return northingFirst;
    }

    /** A copy of {@code geometry} (x east, y north in this CRS) in WGS 84 lon/lat, SRID 4326. */
    public Geometry toLonLat(Geometry geometry) {
        if (lonLat) {
            return withSrid(geometry.copy(), 4326);
        }
        return apply(geometry, TRANSFORMS.createTransform(projected, projected.createGeographic()), 4326);
    }

    /** A copy of {@code geometry} (WGS 84 lon/lat) in this CRS, x east, y north, with this CRS's SRID. */
    public Geometry fromLonLat(Geometry geometry) {
        if (lonLat) {
            return withSrid(geometry.copy(), srid);
        }
        return apply(geometry, TRANSFORMS.createTransform(projected.createGeographic(), projected), srid);
    }

    private static Geometry apply(Geometry geometry, CoordinateTransform transform, int srid) {
        ProjCoordinate in = new ProjCoordinate();
        ProjCoordinate projected = new ProjCoordinate();
        XYMapping projection = (x, y, out) -> {
            in.setValue(x, y);
            try {
                transform.transform(in, projected);
                out[0] = projected.x;
                out[1] = projected.y;
            } catch (RuntimeException e) {
                // proj4j signals positions outside a projection's domain this way
                out[0] = Double.NaN;
                out[1] = Double.NaN;
            }
        };
        return withSrid(projection.applyTo(geometry), srid);
    }

    private static Geometry withSrid(Geometry geometry, int srid) {
        geometry.setSRID(srid);
        return geometry;
    }

    @Override
    public String toString() {
        return id;
    }
}
