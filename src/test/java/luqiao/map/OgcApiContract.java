package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import luqiao.map.support.Http;
import luqiao.map.support.PostgisReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import tools.jackson.databind.JsonNode;

/**
 * OGC API – Features (Parts 1, 2 and 3) as the OGC conformance suite and GDAL exercise it,
 * run against each backend over real HTTP.
 */
abstract class OgcApiContract extends BackendContract {

    private static final String ITEMS = "/ogc/collections/parcels/items";

    @Test
    void theLandingPageLinksToTheApiDefinitionConformanceAndData() {
        Http.Response r = http.get("/ogc");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        Set<String> rels = new HashSet<>();
        for (JsonNode link : r.json().path("links")) {
            rels.add(link.path("rel").asString());
            assertThat(http.get(link.path("href").asString()).status())
                    .as("%s resolves", link)
                    .isEqualTo(200);
        }
        assertThat(rels).contains("self", "alternate", "service-desc", "conformance", "data");
    }

    @Test
    void conformanceDeclaresCoreGeoJsonHtmlOpenApiCrsAndFiltering() {
        List<String> classes = http.get("/ogc/conformance")
                .json()
                .path("conformsTo")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        assertThat(classes)
                .contains(
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
                        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
                        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
                        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json");
    }

    @Test
    void theApiDefinitionIsSelfContainedOpenApi30() {
        Http.Response r = http.get("/ogc/api");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/vnd.oai.openapi+json");
        JsonNode api = r.json();
        assertThat(api.path("openapi").asString()).startsWith("3.0");
        assertThat(api.path("servers").get(0).path("url").asString()).isEqualTo("http://localhost:" + port + "/ogc");
        assertThat(api.path("paths").has("/collections/{collectionId}/items")).isTrue();
        List<String> refs = new ArrayList<>();
        collectRefs(api, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(ref).startsWith("#/"));
        for (String ref : refs) {
            assertThat(api.at(ref.substring(1)).isMissingNode())
                    .as("%s resolves inside the document", ref)
                    .isFalse();
        }
    }

    @Test
    void collectionsDescribeTheThreeLayersWithCrsListsAndExtent() {
        JsonNode collections = http.get("/ogc/collections").json().path("collections");
        assertThat(collections.valueStream().map(c -> c.path("id").asString()))
                .containsExactly(
                        "zones", "projects", "projects_points", "projects_lines", "projects_polygons", "parcels");
        for (JsonNode c : collections) {
            JsonNode one =
                    http.get("/ogc/collections/" + c.path("id").asString()).json();
            assertThat(one.path("storageCrs").asString()).isEqualTo("http://www.opengis.net/def/crs/OGC/1.3/CRS84");
            assertThat(one.path("crs").valueStream().map(JsonNode::asString))
                    .contains(
                            "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
                                    "http://www.opengis.net/def/crs/EPSG/0/4326",
                            "http://www.opengis.net/def/crs/EPSG/0/4490", "http://www.opengis.net/def/crs/EPSG/0/4549",
                            "http://www.opengis.net/def/crs/EPSG/0/4550", "http://www.opengis.net/def/crs/EPSG/0/3857");
            JsonNode bbox = one.path("extent").path("spatial").path("bbox").get(0);
            assertThat(bbox.get(0).asDouble()).isBetween(121.2, 121.7);
            assertThat(bbox.get(3).asDouble()).isBetween(28.3, 28.8);
            assertThat(one.path("links")
                            .valueStream()
                            .filter(l -> l.path("rel").asString().equals("items"))
                            .map(l -> l.path("type").asString()))
                    .contains("application/geo+json", "text/html");
        }
        assertThat(http.get("/ogc/collections/roads").status()).isEqualTo(404);
    }

    @Test
    void pagesFollowNextLinksToTheEndWithConsistentCounts() {
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM parcels", Long.class);
        Set<String> ids = new HashSet<>();
        String next = ITEMS + "?limit=2000";
        int pages = 0;
        while (next != null) {
            Http.Response r = http.get(next);
            assertThat(r.contentType()).startsWith("application/geo+json");
            JsonNode page = r.json();
            assertThat(page.path("numberMatched").asLong()).isEqualTo(total);
            assertThat(page.path("numberReturned").asInt())
                    .isEqualTo(page.path("features").size());
            assertThat(page.path("timeStamp").asString()).isNotBlank();
            if (pages > 0) {
                assertThat(link(page, "prev")).isNotNull();
            }
            page.path("features").forEach(f -> ids.add(f.path("id").asString()));
            next = link(page, "next");
            pages++;
        }
        assertThat(pages).isEqualTo((int) Math.ceil(total / 2000.0));
        assertThat(ids).hasSize((int) total);
    }

    @Test
    void aSingleFeatureHasItsLinksAndUnknownOnesAre404() {
        JsonNode first = http.get(ITEMS + "?limit=1").json().path("features").get(0);
        JsonNode feature = http.get(ITEMS + "/" + first.path("id").asString()).json();
        assertThat(feature.path("type").asString()).isEqualTo("Feature");
        assertThat(feature.path("geometry")).isEqualTo(first.path("geometry"));
        assertThat(feature.path("links").valueStream().map(l -> l.path("rel").asString()))
                .contains("self", "alternate", "collection");
        Http.Response missing = http.get(ITEMS + "/NO-SUCH");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void everyResourceHasAnHtmlViewWithEscapedText() {
        for (String path : List.of(
                "/ogc",
                "/ogc/conformance",
                "/ogc/collections",
                "/ogc/collections/zones",
                "/ogc/collections/zones/items",
                "/ogc/collections/zones/items/" + zoneNamed("飞龙湖").path("id").asString(),
                "/ogc/collections/parcels/queryables")) {
            Http.Response r = http.get(path + "?f=html");
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.contentType()).as(path).startsWith("text/html");
            assertThat(r.body()).as(path).contains("<html").doesNotContain("<script");
        }
        assertThat(http.get("/ogc/collections/zones/items?f=html").body()).contains("飞龙湖");
    }

    @Test
    void geometriesComeInTheRequestedCrsAndAxisOrderAsPostgisTransformsThem() throws Exception {
        JsonNode lonLat = http.get(ITEMS + "?limit=3&offset=100").json();
        try (PostgisReference postgis = new PostgisReference()) {
            for (int epsg : new int[] {4549, 4550, 3857}) {
                Http.Response r =
                        http.get(ITEMS + "?limit=3&offset=100&crs=http://www.opengis.net/def/crs/EPSG/0/" + epsg);
                assertThat(r.status()).isEqualTo(200);
                JsonNode projected = r.json();
                for (int i = 0; i < 3; i++) {
                    Geometry expected = new GeoJsonReader()
                            .read(postgis.transform(
                                    lonLat.path("features")
                                            .get(i)
                                            .path("geometry")
                                            .toString(),
                                    epsg));
                    Coordinate[] ours =
                            geometry(projected.path("features").get(i)).getCoordinates();
                    Coordinate[] theirs = expected.getCoordinates();
                    boolean northingFirst = epsg != 3857;
                    for (int k = 0; k < theirs.length; k++) {
                        assertThat(northingFirst ? ours[k].y : ours[k].x)
                                .as("easting, EPSG:%s", epsg)
                                .isCloseTo(theirs[k].x, within(0.01));
                        assertThat(northingFirst ? ours[k].x : ours[k].y)
                                .as("northing, EPSG:%s", epsg)
                                .isCloseTo(theirs[k].y, within(0.01));
                    }
                }
            }
        }
        Http.Response latLon = http.get(ITEMS + "?limit=1&offset=100&crs=EPSG:4326");
        assertThat(latLon.body()).contains("\"numberReturned\":1");
        Coordinate swapped = geometry(latLon.json().path("features").get(0)).getCoordinates()[0];
        Coordinate original = geometry(lonLat.path("features").get(0)).getCoordinates()[0];
        assertThat(swapped.x).isEqualTo(original.y);
        assertThat(swapped.y).isEqualTo(original.x);
    }

    @Test
    void theContentCrsHeaderNamesTheAnswersCrs() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + ITEMS
                                + "?limit=1&crs=http://www.opengis.net/def/crs/EPSG/0/4549"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(response.headers().firstValue("Content-Crs"))
                .hasValue("<http://www.opengis.net/def/crs/EPSG/0/4549>");
        var plain = client.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://localhost:" + port + ITEMS + "?limit=1"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(plain.headers().firstValue("Content-Crs"))
                .hasValue("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
    }

    @Test
    void aBboxInAProjectedCrsSelectsTheSameParcelsAsItsLonLatEquivalent() {
        JsonNode parcel =
                http.get(ITEMS + "?limit=1&offset=500").json().path("features").get(0);
        Point centre = geometry(parcel).getInteriorPoint();
        JsonNode projected = http.get(ITEMS + "/" + parcel.path("id").asString() + "?crs=EPSG:4549")
                .json();
        Point northEast = geometry(projected).getInteriorPoint();
        // EPSG:4549 coordinates are northing, easting; a 20 m box around the parcel's interior point.
        String bbox = (northEast.getX() - 10) + "," + (northEast.getY() - 10) + "," + (northEast.getX() + 10) + ","
                + (northEast.getY() + 10);
        JsonNode found = http.get(
                        ITEMS + "?limit=100&bbox=" + bbox + "&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4549")
                .json();
        assertThat(found.path("features").valueStream().map(f -> f.path("id").asString()))
                .contains(parcel.path("id").asString());
        JsonNode latLonBox = http.get(ITEMS + "?limit=100&bbox-crs=EPSG:4326&bbox=" + (centre.getY() - 0.0001) + ","
                        + (centre.getX() - 0.0001) + "," + (centre.getY() + 0.0001) + "," + (centre.getX() + 0.0001))
                .json();
        assertThat(latLonBox.path("features").valueStream().map(f -> f.path("id")
                        .asString()))
                .contains(parcel.path("id").asString());
    }

    @Test
    void cql2TextAndJsonFiltersSelectWhatTheDatabaseHolds() {
        long residentialOrCommercial = jdbc.queryForObject(
                "SELECT COUNT(*) FROM parcels WHERE landuse_code IN ('0701', '0901') AND area_m2 BETWEEN 5000 AND 50000",
                Long.class);
        assertThat(residentialOrCommercial).isPositive();
        assertThat(matched(
                        "parcels", "LANDUSE_CODE IN ('0701','0901') AND area_m2 BETWEEN 5000 AND 50000", "cql2-text"))
                .isEqualTo(residentialOrCommercial);
        assertThat(matched(
                        "parcels",
                        "{\"op\":\"and\",\"args\":[{\"op\":\"in\",\"args\":[{\"property\":\"landuse_code\"},[\"0701\",\"0901\"]]},"
                                + "{\"op\":\"between\",\"args\":[{\"property\":\"area_m2\"},5000,50000]}]}",
                        "cql2-json"))
                .isEqualTo(residentialOrCommercial);
        long industrialNames =
                jdbc.queryForObject("SELECT COUNT(*) FROM parcels WHERE landuse_name LIKE '工业%'", Long.class);
        assertThat(matched("parcels", "landuse_name LIKE '工业%'", "cql2-text"))
                .isEqualTo(industrialNames)
                .isPositive();
        long flh = jdbc.queryForObject("SELECT COUNT(*) FROM parcels WHERE parcel_no LIKE 'LQ-FLH-%'", Long.class);
        assertThat(matched("parcels", "parcel_no LIKE 'LQ-FLH-%'", "cql2-text"))
                .isEqualTo(flh)
                .isPositive();
        long renovated = jdbc.queryForObject(
                "SELECT COUNT(*) FROM parcels WHERE renovation IS NOT NULL AND NOT farmland_protected", Long.class);
        assertThat(matched("parcels", "renovation IS NOT NULL AND NOT farmland_protected = TRUE", "cql2-text"))
                .isEqualTo(renovated);
    }

    @Test
    void spatialFiltersAgreeWithJtsOnEveryParcel() {
        Geometry zone = geometry(zoneNamed("十里长街"));
        Geometry area = zone.getEnvelope().buffer(0.002).getEnvelope();
        String wkt = new WKTWriter().write(area);
        List<Geometry> parcels = jdbc.queryForList("SELECT ST_AsBinary(geom) FROM parcels", byte[].class).stream()
                .map(BackendContract::wkb)
                .toList();
        long intersecting = parcels.stream().filter(p -> p.intersects(area)).count();
        long within = parcels.stream().filter(p -> p.within(area)).count();
        assertThat(intersecting).isGreaterThan(within).isPositive();
        assertThat(matched("parcels", "S_INTERSECTS(geometry, " + wkt + ")", "cql2-text"))
                .isEqualTo(intersecting);
        assertThat(matched("parcels", "S_WITHIN(geometry, " + wkt + ")", "cql2-text"))
                .isEqualTo(within);
        assertThat(matched("parcels", "S_DISJOINT(geometry, " + wkt + ")", "cql2-text"))
                .isEqualTo(parcels.size() - intersecting);
        assertThat(matched("parcels", "S_CONTAINS(" + wkt + ", geometry)", "cql2-text"))
                .isEqualTo(within);
        assertThat(matched(
                        "zones",
                        "S_CONTAINS(geometry, POINT(" + zone.getInteriorPoint().getX() + " "
                                + zone.getInteriorPoint().getY() + "))",
                        "cql2-text"))
                .isEqualTo(2);
    }

    @Test
    void filterCrsAppliesToGeometryLiterals() throws Exception {
        Geometry area = geometry(zoneNamed("飞龙湖")).getEnvelope();
        long expected = matched("parcels", "S_INTERSECTS(geometry, " + new WKTWriter().write(area) + ")", "cql2-text");
        String projected;
        try (PostgisReference postgis = new PostgisReference()) {
            Geometry xy = new GeoJsonReader()
                    .read(postgis.transform(new org.locationtech.jts.io.geojson.GeoJsonWriter().write(area), 4549));
            // EPSG:4549 literals are northing, easting.
            Coordinate[] c = xy.getCoordinates();
            Coordinate[] swapped = new Coordinate[c.length];
            for (int i = 0; i < c.length; i++) {
                swapped[i] = new Coordinate(c[i].y, c[i].x);
            }
            projected = new WKTWriter().write(new GeometryFactory().createPolygon(swapped));
        }
        String url = ITEMS + "?limit=1&filter-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/4549") + "&filter="
                + enc("S_INTERSECTS(geometry, " + projected + ")");
        long viaProjected = http.get(url).json().path("numberMatched").asLong();
        // The outline's straight edges in EPSG:4549 bend slightly in lon/lat: allow parcels along the edge.
        assertThat(viaProjected).isPositive().isCloseTo(expected, within(Math.max(3L, expected / 50)));
    }

    @Test
    void theQueryablesListOnlyWhatThePublicMayFilterOn() {
        Http.Response r = http.get("/ogc/collections/parcels/queryables");
        assertThat(r.contentType()).startsWith("application/schema+json");
        JsonNode properties = r.json().path("properties");
        assertThat(properties.has("landuse_code")).isTrue();
        assertThat(properties.has("parcel_no"))
                .as("the id is queryable by its column name")
                .isTrue();
        assertThat(properties.has("geometry")).isTrue();
        assertThat(properties.has("owner")).isFalse();
        Http.Response internal = http.get(ITEMS + "?filter=" + enc("owner = 'x'"));
        assertThat(internal.status()).isEqualTo(400);
        assertThat(internal.json().path("detail").asString()).contains("owner");
    }

    @Test
    void datetimeSelectsProjectsWhoseTimeSpanMeetsTheInterval() {
        long expected = jdbc.queryForObject(
                "SELECT COUNT(*) FROM projects WHERE stage IN ('开工', '竣工')"
                        + " AND COALESCE(actual_start, planned_start) <= DATE '2024-12-31'"
                        + " AND (COALESCE(actual_finish, planned_finish) IS NULL OR COALESCE(actual_finish, planned_finish) >= DATE '2024-01-01')",
                Long.class);
        JsonNode page = http.get("/ogc/collections/projects/items?limit=1000&datetime=2024-01-01/2024-12-31")
                .json();
        assertThat(page.path("numberMatched").asLong()).isEqualTo(expected).isPositive();
        long all = http.get("/ogc/collections/projects/items?limit=1")
                .json()
                .path("numberMatched")
                .asLong();
        for (String rfc3339 :
                List.of("2024-06-01T00:00:00Z", "2024-06-01t08:00:00+08:00", "2024-06-01T00:00:00.5Z/..")) {
            assertThat(http.get("/ogc/collections/projects/items?limit=1&datetime=" + enc(rfc3339))
                            .status())
                    .as("RFC 3339 date-time %s", rfc3339)
                    .isEqualTo(200);
        }
        assertThat(http.get("/ogc/collections/projects/items?limit=1&datetime=2099-01-01/..")
                        .json()
                        .path("numberMatched")
                        .asLong())
                .isLessThan(all);
        Http.Response undated = http.get("/ogc/collections/zones/items?datetime=2024-06-01");
        assertThat(undated.status()).isEqualTo(200);
        assertThat(undated.json().path("numberMatched").asLong())
                .as("zones have no dates to match")
                .isZero();
    }

    @Test
    void sortbyAndPropertiesShapeTheAnswer() {
        JsonNode page = http.get(ITEMS + "?limit=50&sortby=-area_m2&properties=landuse_code,area_m2")
                .json();
        double previous = Double.MAX_VALUE;
        for (JsonNode f : page.path("features")) {
            double area = f.path("properties").path("area_m2").asDouble();
            assertThat(area).isLessThanOrEqualTo(previous);
            previous = area;
            assertThat(f.path("properties").propertyNames())
                    .containsOnly("landuse_code", "area_m2", "area_mu", "area_ha");
        }
        Double largest = jdbc.queryForObject("SELECT MAX(area_m2) FROM parcels", Double.class);
        assertThat(page.path("features")
                        .get(0)
                        .path("properties")
                        .path("area_m2")
                        .asDouble())
                .isCloseTo(largest, within(0.01));
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "limit=10001                                   | limit",
                "limit=ten                                     | limit",
                "bbox=121.3,28.5,121.4,91                      | bbox",
                "bbox=121.3,28.6,121.4,28.5                    | bbox",
                "bbox=121.4,28.5,121.3,28.6&bbox-crs=EPSG:3857 | bbox",
                "crs=EPSG:2000                                 | crs",
                "bbox=1,2,3,4&bbox-crs=EPSG:9999               | bbox-crs",
                "filter=landuse_code%20%3D                     | filter",
                "filter=nosuch%3D1                             | filter",
                "filter=landuse_code%3D'0701'&filter-lang=ecql | filter-lang",
                "filter-crs=EPSG:1&filter=S_INTERSECTS(geometry,POINT(1%202)) | filter-crs",
                "sortby=owner                                  | sortby",
                "properties=owner                              | properties",
                "datetime=2024-13-45                           | datetime",
                "datetime=2024-01-01garbage                    | datetime",
                "datetime=2024-01-01T00:00:00Zjunk/..          | datetime",
                "datetime=2024-01-01T25:00:00Z                 | datetime",
                "f=xml                                         | f",
                "colour=red                                    | colour"
            })
    void badQueriesGetAProblemNamingTheParameter(String query, String parameter) {
        String path = (parameter.equals("datetime") ? "/ogc/collections/projects/items?" : ITEMS + "?") + query;
        Http.Response r = http.get(path);
        assertThat(r.status()).as(path).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("parameter").asString()).isEqualTo(parameter);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("SELECT");
    }

    @Test
    void aSelfIntersectingGeometryInAFilterIsRefusedSayingWhere() {
        Http.Response r = http.get(
                ITEMS + "?filter="
                        + enc(
                                "S_INTERSECTS(geometry, POLYGON((121.40 28.50, 121.42 28.52, 121.42 28.50, 121.40 28.52, 121.40 28.50)))"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("parameter").asString()).isEqualTo("filter");
        assertThat(r.json().path("detail").asString())
                .contains("Self-intersection")
                .contains("121.41");
    }

    @Test
    void malformedCql2ReportsWhereTheErrorIs() {
        JsonNode problem = http.get(ITEMS + "?filter=" + enc("landuse_code = '0701' AND (area_m2 > 5"))
                .json();
        assertThat(problem.path("position").asInt()).isEqualTo(38);
        assertThat(problem.path("detail").asString()).contains("position 38");
    }

    @Test
    void aBboxOverTheAntimeridianAnswersTheFeaturesInEitherPart() {
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM parcels", Long.class);
        // 177°E over 180° to 177°W, north of the Bering Strait: no parcel there.
        for (String path : List.of(
                ITEMS + "?bbox=177,65,-177,70",
                ITEMS + "?bbox=177,65,-177,70&bbox-crs=" + enc("http://www.opengis.net/def/crs/OGC/1.3/CRS84"),
                ITEMS + "?bbox=65,177,70,-177&bbox-crs=EPSG:4326",
                "/api/parcels?bbox=177,65,-177,70")) {
            Http.Response r = http.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.json().path("numberMatched").asLong()).as(path).isZero();
            assertThat(r.json().path("features").size()).as(path).isZero();
        }
        // From 121°E eastwards over the antimeridian to 179°W: the part east of Luqiao's west edge holds it all.
        for (String path :
                List.of(ITEMS + "?limit=1&bbox=121,28,-179,29", "/api/parcels?limit=1&bbox=121,28,-179,29")) {
            assertThat(http.get(path).json().path("numberMatched").asLong())
                    .as(path)
                    .isEqualTo(total);
        }
        // And the part west of the antimeridian only, up to 121.5°E: the parcels west of that line.
        long west = geometriesWestOf(121.5);
        assertThat(http.get(ITEMS + "?limit=1&bbox=179,28,121.5,29")
                        .json()
                        .path("numberMatched")
                        .asLong())
                .isEqualTo(west)
                .isPositive()
                .isLessThan(total);
    }

    /** Parcels with some part west of the meridian, by JTS over every stored geometry. */
    private long geometriesWestOf(double lon) {
        return jdbc.queryForList("SELECT ST_AsBinary(geom) FROM parcels", byte[].class).stream()
                .map(BackendContract::wkb)
                .filter(g -> g.getEnvelopeInternal().getMinX() <= lon)
                .count();
    }

    @Test
    void everyQueryParameterOfTheApiDocumentIsAFormParameterWithoutExplode() {
        JsonNode api = http.get("/ogc/api").json();
        List<String> checked = new ArrayList<>();
        api.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    for (JsonNode parameter : operation.getValue().path("parameters")) {
                        JsonNode p = parameter.has("$ref")
                                ? api.at(parameter.path("$ref").asString().substring(1))
                                : parameter;
                        if (p.path("in").asString().equals("query")) {
                            String name = path.getKey() + " " + p.path("name").asString();
                            assertThat(p.path("style").asString()).as(name).isEqualTo("form");
                            assertThat(p.path("explode").isBoolean()).as(name).isTrue();
                            assertThat(p.path("explode").asBoolean()).as(name).isFalse();
                            checked.add(p.path("name").asString());
                        }
                    }
                }));
        assertThat(checked)
                .contains(
                        "f",
                        "bbox",
                        "bbox-crs",
                        "limit",
                        "offset",
                        "datetime",
                        "properties",
                        "sortby",
                        "crs",
                        "filter",
                        "filter-lang",
                        "filter-crs",
                        "asOf");
    }

    @Test
    void nextLinksOfGeoJsonPagesAskForAtLeastAThousandFeaturesAndHtmlPagesKeepTheirSize() {
        JsonNode small = http.get(ITEMS + "?limit=10&sortby=-area_m2").json();
        String next = link(small, "next");
        assertThat(next).contains("offset=10").contains("limit=1000").contains("sortby=-area_m2");
        JsonNode second = http.get(next).json();
        assertThat(second.path("numberReturned").asInt()).isEqualTo(1000);
        assertThat(second.path("features").get(0).path("id").asString())
                .isEqualTo(http.get(ITEMS + "?limit=1&offset=10&sortby=-area_m2")
                        .json()
                        .path("features")
                        .get(0)
                        .path("id")
                        .asString());
        assertThat(link(http.get(ITEMS + "?limit=3000").json(), "next")).contains("limit=3000");
        assertThat(link(http.get(ITEMS).json(), "next")).contains("offset=100").contains("limit=1000");
        String html = http.get(ITEMS + "?limit=10&f=html").body();
        assertThat(html).contains("offset=10").doesNotContain("limit=1000");
    }

    @Test
    void theLegacyCqlTextAliasReadsWhatGdal36Writes() {
        long industrial = jdbc.queryForObject("SELECT COUNT(*) FROM parcels WHERE landuse_name LIKE '工业%'", Long.class);
        assertThat(matched("parcels", "landuse_name ILIKE '工业%'", "cql-text"))
                .isEqualTo(industrial)
                .isPositive();
        assertThat(matched("parcels", "(landuse_l1_code = '07') AND (area_m2 > 10000)", "cql-text"))
                .isEqualTo(matched("parcels", "landuse_l1_code = '07' AND area_m2 > 10000", "cql2-text"))
                .isPositive();
        long from2024 = jdbc.queryForObject(
                "SELECT COUNT(*) FROM projects WHERE stage IN ('开工', '竣工') AND planned_start >= DATE '2024-01-01'",
                Long.class);
        assertThat(matched("projects", "planned_start >= '2024-01-01T'", "cql-text"))
                .isEqualTo(from2024)
                .isPositive();
        // CQL2 itself has neither: the alias is the only place they are read.
        assertThat(http.get(ITEMS + "?filter=" + enc("landuse_name ILIKE 'x'")).status())
                .isEqualTo(400);
        // The list GDAL 3.6 reads: what the caller may filter on, booleans left out (GDAL compares them with 0/1).
        JsonNode list = http.get("/ogc/collections/parcels/legacy-queryables").json();
        List<String> ids = list.path("queryables")
                .valueStream()
                .map(q -> q.path("id").asString())
                .toList();
        assertThat(ids)
                .contains("landuse_l1_code", "area_m2")
                .doesNotContain("owner", "farmland_protected", "geometry");
        JsonNode collection = http.get("/ogc/collections/parcels").json();
        assertThat(collection
                        .path("links")
                        .valueStream()
                        .filter(l -> l.path("rel").asString().equals("queryables"))
                        .map(l -> l.path("href").asString()))
                .containsExactly("http://localhost:" + port + "/ogc/collections/parcels/legacy-queryables");
    }

    @Test
    void gdalSendsAnAttributeFilterToTheServerAndGetsTheRightCount() throws Exception {
        String service = "OAPIF:http://localhost:" + port + "/ogc";
        String where = "landuse_l1_code = '07' AND area_m2 > 10000";
        long expected = jdbc.queryForObject(
                "SELECT COUNT(*) FROM parcels WHERE landuse_l1_code = '07' AND area_m2 > 10000", Long.class);
        assertThat(matched("parcels", where, "cql2-text")).isEqualTo(expected).isPositive();
        String log = gdal("ogrinfo", "-ro", "-al", "-so", "-where", where, service, "parcels");
        assertThat(log).doesNotContain("evaluated on client side").contains("Feature Count: " + expected);
        List<String> requests = requests(log);
        assertThat(requests)
                .anySatisfy(url -> assertThat(url).contains("filter=").contains("landuse_l1_code"));
        // No request for every parcel: each one fetching items carries the filter, but GDAL's first look at the layer.
        assertThat(requests.stream().filter(url -> url.contains("/items?") && !url.contains("filter=")))
                .hasSizeLessThanOrEqualTo(1);

        long from2024 = jdbc.queryForObject(
                "SELECT COUNT(*) FROM projects WHERE stage IN ('开工', '竣工') AND planned_start >= DATE '2024-01-01'",
                Long.class);
        String dates =
                gdal("ogrinfo", "-ro", "-al", "-so", "-where", "planned_start >= '2024-01-01'", service, "projects");
        assertThat(dates).doesNotContain("evaluated on client side").contains("Feature Count: " + from2024);
    }

    @Test
    void gdalListsTheCollectionsAndCopiesEveryParcelIntoAGeoPackageInAtMostTenRequests() throws Exception {
        String service = "OAPIF:http://localhost:" + port + "/ogc";
        String listing = run("ogrinfo", "-ro", "-q", service);
        assertThat(listing).contains("zones").contains("projects").contains("parcels");
        Path gpkg = Files.createTempDirectory("luqiao-gdal").resolve("parcels.gpkg");
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM parcels", Long.class);
        String log = gdal("ogr2ogr", "-f", "GPKG", gpkg.toString(), service, "parcels");
        assertThat(requests(log)).as(log).hasSizeLessThanOrEqualTo(10);
        String summary = run("ogrinfo", "-ro", "-so", gpkg.toString(), "parcels");
        assertThat(summary).contains("Feature Count: " + total);
    }

    /** A GDAL command with its debug log ({@code CPL_DEBUG=ON}), which names every HTTP request it makes. */
    private static String gdal(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CPL_DEBUG", "ON");
        return run(builder, command);
    }

    /** The URLs GDAL fetched, from its debug log. */
    private static List<String> requests(String log) {
        return log.lines()
                .filter(l -> l.startsWith("HTTP: Fetch("))
                .map(l -> l.substring("HTTP: Fetch(".length(), l.length() - 1))
                .toList();
    }

    private static String run(String... command) throws Exception {
        return run(new ProcessBuilder(command).redirectErrorStream(true), command);
    }

    private static String run(ProcessBuilder builder, String... command) throws Exception {
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES))
                .as("%s finishes", command[0])
                .isTrue();
        assertThat(process.exitValue())
                .as("%s: %s", String.join(" ", command), output)
                .isZero();
        return output;
    }

    private long matched(String collection, String filter, String lang) {
        Http.Response r = http.get(
                "/ogc/collections/" + collection + "/items?limit=1&filter-lang=" + lang + "&filter=" + enc(filter));
        assertThat(r.status()).as("%s: %s", filter, r.body()).isEqualTo(200);
        return r.json().path("numberMatched").asLong();
    }

    private static String link(JsonNode page, String rel) {
        return page.path("links")
                .valueStream()
                .filter(l -> l.path("rel").asString().equals(rel))
                .map(l -> l.path("href").asString())
                .findFirst()
                .orElse(null);
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asString());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
