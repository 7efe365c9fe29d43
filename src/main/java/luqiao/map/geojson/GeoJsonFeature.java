package luqiao.map.geojson;

import java.util.Map;

/**
 * A feature whose lon/lat geometry is already GeoJSON text (as PostGIS's {@code ST_AsGeoJSON} writes it): a
 * page of them is written without parsing a geometry or formatting a coordinate in the server.
 */
public record GeoJsonFeature(String id, Map<String, Object> properties, String geometry) {}
