package luqiao.map.store.tiles;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/** One feature as a tile needs it: id, tile attributes (nulls left out), lon/lat geometry. */
public record TileFeature(String id, Map<String, Object> attributes, Geometry geometry) {}
