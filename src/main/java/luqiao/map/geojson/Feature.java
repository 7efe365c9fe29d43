package luqiao.map.geojson;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/** A stored feature: its public id (the layer's natural code), properties in catalog order, lon/lat geometry. */
public record Feature(String id, Map<String, Object> properties, Geometry geometry) {}
