package luqiao.map.transfer;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One record of an uploaded file as read, before any checking.
 *
 * @param number   1-based record number in the file (what a report names)
 * @param id       the record's own id when the format has one apart from its attributes (GeoJSON {@code id}), else null
 * @param values   attribute values by source field name (strings, numbers, booleans, dates or null)
 * @param geometry the geometry in the file's CRS, x east; null when there is none or it is unreadable
 * @param problem  why the geometry could not be read, or null
 */
record SourceRow(long number, String id, Map<String, Object> values, Geometry geometry, String problem) {}
