package luqiao.map.tiles.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.store.tiles.TileStore;
import luqiao.map.support.PostgisTestDatabase;
import luqiao.map.tiles.TileCoord;
import luqiao.map.tiles.TileFeatureReader;
import luqiao.map.tiles.TileSettings;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostGIS {@code ST_AsMVT} and the Java encoder, given the same database, produce the same
 * features for the same tile, parcels and their zoom overviews alike: same ids (an overview feature's group), same attributes, same geometry type, and geometries
 * that cover the same ground to within grid rounding and simplification.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("postgis")
class MvtEncodersAgreeTest {

    @Autowired
    TileStore store;

    @Autowired
    TileFeatureReader reader;

    @Autowired
    TileSettings settings;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = PostgisTestDatabase.fresh("luqiao_test_mvt_agree", false);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgisTestDatabase.USER);
        registry.add("spring.datasource.password", () -> PostgisTestDatabase.PASSWORD);
    }

    @Test
    void databaseAndJavaEncodersProduceTheSameFeatures() throws IOException {
        LayerEncoder database = new PostgisMvtEncoder(store, reader, settings);
        LayerEncoder java = new JavaMvtEncoder(reader, settings);
        int features = 0;
        // Now, and the projects as of a past date (read through the stage history, issue #7).
        List<LocalDate> dates = Arrays.asList(null, LocalDate.of(2023, 6, 1));
        for (TileCoord tile : tiles()) {
            for (Layer layer : Layer.values()) {
                for (LocalDate asOf : dates) {
                    if (asOf != null && !layer.hasHistory()) {
                        continue;
                    }
                    LayerEncoder.Encoded fromDatabase = database.encode(layer, Audience.PUBLIC, tile, 20000, asOf);
                    LayerEncoder.Encoded fromJava = java.encode(layer, Audience.PUBLIC, tile, 20000, asOf);
                    Map<String, Geometry> expected = decode(fromDatabase.bytes(), layer);
                    Map<String, Geometry> actual = decode(fromJava.bytes(), layer);
                    assertThat(fromDatabase.features())
                            .as("%s features counted by PostGIS in %s", layer, tile)
                            .isEqualTo(expected.size());
                    assertThat(fromJava.features())
                            .as("%s features counted in Java in %s", layer, tile)
                            .isEqualTo(actual.size());
                    assertThat(actual.keySet()).as("%s ids in %s", layer, tile).isEqualTo(expected.keySet());
                    for (Map.Entry<String, Geometry> e : expected.entrySet()) {
                        Geometry a = actual.get(e.getKey());
                        String what = layer + " " + e.getKey() + " in " + tile;
                        assertThat(a.getUserData())
                                .as("attributes of %s", what)
                                .isEqualTo(e.getValue().getUserData());
                        assertThat(a.getDimension())
                                .as("dimension of %s", what)
                                .isEqualTo(e.getValue().getDimension());
                        // Snapping each vertex to the integer grid moves the boundary by up to half a
                        // unit, so areas may differ by about half the perimeter.
                        double area = e.getValue().getArea();
                        double perimeter = e.getValue().getLength();
                        assertThat(a.getArea())
                                .as("area of %s", what)
                                .isCloseTo(area, within(area * 0.02 + perimeter * 0.5 + 8));
                        if (a.getDimension() == 1) {
                            assertThat(a.getLength())
                                    .as("length of %s", what)
                                    .isCloseTo(perimeter, within(perimeter * 0.02 + 8));
                        }
                        features++;
                    }
                }
            }
        }
        assertThat(features).as("features compared").isGreaterThan(500);
    }

    /** Tiles over the district at every zoom the benchmark uses, including edges and empty ones. */
    private static List<TileCoord> tiles() {
        List<TileCoord> tiles = new ArrayList<>(
                List.of(TileCoord.of(10, 857, 427), TileCoord.of(11, 1714, 854), TileCoord.of(5, 1, 1)));
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                tiles.add(TileCoord.of(12, 3429 + dx, 1708 + dy));
                tiles.add(TileCoord.of(14, 13717 + dx, 6834 + dy));
                tiles.add(TileCoord.of(16, 54871 + dx, 27339 + dy));
            }
        }
        return tiles;
    }

    private static Map<String, Geometry> decode(byte[] tile, Layer layer) throws IOException {
        Map<String, Geometry> byId = new HashMap<>();
        JtsLayer l = MvtReader.loadMvt(
                        new ByteArrayInputStream(tile),
                        new GeometryFactory(),
                        new TagKeyValueMapConverter(),
                        MvtReader.RING_CLASSIFIER_V2_1)
                .getLayer(layer.id());
        if (l != null) {
            for (Geometry g : l.getGeometries()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> tags = (Map<String, Object>) g.getUserData();
                // Overview features (z10–z11 parcels, store.overviews) have no id: their group is their key.
                byId.put(
                        tags.containsKey("id")
                                ? (String) tags.get("id")
                                : tags.get("cell") + " " + tags.get("landuse_l1_code") + " " + tags.get("status") + " "
                                        + tags.get("band"),
                        g);
            }
        }
        return byId;
    }
}
