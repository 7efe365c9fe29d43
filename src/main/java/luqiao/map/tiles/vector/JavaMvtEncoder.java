package luqiao.map.tiles.vector;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtEncoder;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.UserDataKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.store.tiles.TileFeature;
import luqiao.map.tiles.TileCoord;
import luqiao.map.tiles.TileFeatureReader;
import luqiao.map.tiles.TileSettings;
import org.locationtech.jts.geom.Geometry;

/**
 * Encodes in the JVM: reads the candidate rows as WKB and builds the tile with JTS and
 * mapbox-vector-tile-java (which writes MVT 2.1 command streams and fixes ring winding).
 * The only encoder on H2GIS, and the alternative to {@code ST_AsMVT} on PostGIS.
 */
final class JavaMvtEncoder implements LayerEncoder {

    private static final MvtLayerParams PARAMS = new MvtLayerParams(TileSettings.EXTENT);

    private final TileFeatureReader reader;
    private final TileSettings settings;

    JavaMvtEncoder(TileFeatureReader reader, TileSettings settings) {
        this.reader = reader;
        this.settings = settings;
    }

    @Override
    public Encoded encode(Layer layer, Audience audience, TileCoord tile, int limit, LocalDate asOf) {
        TileGeometry space = TileGeometry.mvt(tile, settings);
        List<Geometry> geometries = new ArrayList<>();
        for (TileFeature f : reader.read(layer, audience, tile, limit, asOf)) {
            Geometry g = space.encode(f.geometry());
            if (!g.isEmpty()) {
                Map<String, Object> tags = new LinkedHashMap<>();
                if (f.id() != null) { // overview features have none (their key is their cell)
                    tags.put("id", f.id());
                }
                tags.putAll(f.attributes());
                g.setUserData(tags);
                geometries.add(g);
            }
        }
        if (geometries.isEmpty()) {
            return new Encoded(new byte[0], 0);
        }
        JtsMvt mvt = new JtsMvt(new JtsLayer(layer.id(), geometries, TileSettings.EXTENT));
        return new Encoded(MvtEncoder.encode(mvt, PARAMS, new UserDataKeyValueMapConverter()), geometries.size());
    }
}
