// The ground distance from a position to a project's geometry (GeoJSON, WGS 84), in metres: 0 inside a
// polygon, else to the nearest vertex or edge. Coordinates are projected on a plane tangent at the position
// (equirectangular): within the few kilometres an inspection cares about (the 500 m flag), the error is far
// below a phone's own accuracy. The server computes the stored distance itself.
const R = 6371008.8;
const RAD = Math.PI / 180;

/** Metres from [lon, lat] to the geometry; Infinity for an empty one. */
export function distanceTo(lon, lat, geometry) {
  const kx = Math.cos(lat * RAD) * R * RAD;
  const ky = R * RAD;
  const xy = (c) => [(c[0] - lon) * kx, (c[1] - lat) * ky];
  const ring = (coords) => coords.map(xy);
  switch (geometry && geometry.type) {
    case 'Point': return length(xy(geometry.coordinates));
    case 'MultiPoint': return Math.min(Infinity, ...geometry.coordinates.map((c) => length(xy(c))));
    case 'LineString': return toLine(ring(geometry.coordinates));
    case 'MultiLineString': return Math.min(Infinity, ...geometry.coordinates.map((l) => toLine(ring(l))));
    case 'Polygon': return toPolygon(geometry.coordinates.map(ring));
    case 'MultiPolygon': return Math.min(Infinity, ...geometry.coordinates.map((p) => toPolygon(p.map(ring))));
    case 'GeometryCollection': return Math.min(Infinity, ...geometry.geometries.map((g) => distanceTo(lon, lat, g)));
    default: return Infinity;
  }
}

function length([x, y]) {
  return Math.hypot(x, y);
}

/** Distance from the origin to a polyline of projected points. */
function toLine(points) {
  if (points.length === 1) return length(points[0]);
  let best = Infinity;
  for (let i = 1; i < points.length; i++) best = Math.min(best, toSegment(points[i - 1], points[i]));
  return best;
}

function toSegment([ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const s = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + s * dx, ay + s * dy);
}

/** 0 when the origin lies inside the polygon (outer ring, not in a hole), else the distance to its rings. */
function toPolygon(rings) {
  const inside = rings.length > 0 && contains(rings[0]) && !rings.slice(1).some(contains);
  return inside ? 0 : Math.min(...rings.map(toLine));
}

/** Whether the origin lies inside the ring (even-odd crossings of a ray along +x). */
function contains(ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > 0) !== (yj > 0) && 0 < xi + ((0 - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
  }
  return inside;
}
