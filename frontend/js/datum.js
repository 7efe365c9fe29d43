// The datum overlays are drawn in: WGS-84 (server data, Tianditu, OSM) or GCJ-02 (Gaode/AMap).
// Everything from the server is WGS-84; toMap shifts it onto a GCJ-02 basemap, fromMap shifts
// what the user draws back before it is sent to the server.
import { toGcj02, toWgs84 } from './gcj02.js';

let current = 'wgs84';
const listeners = [];

export function datum() {
  return current;
}

export function setDatum(value) {
  if (value !== current) {
    current = value;
    listeners.forEach((fn) => fn(value));
  }
}

export function onDatumChange(fn) {
  listeners.push(fn);
}

/** A server (WGS-84) lon/lat as a Leaflet LatLng on the current basemap. */
export function toMap(lon, lat) {
  const [x, y] = current === 'gcj02' ? toGcj02(lon, lat) : [lon, lat];
  return L.latLng(y, x);
}

/** A LatLng on the current basemap as a server (WGS-84) [lon, lat]. */
export function fromMap(latlng) {
  return current === 'gcj02' ? toWgs84(latlng.lng, latlng.lat) : [latlng.lng, latlng.lat];
}

/** GeoJSON options for L.geoJSON that place server coordinates on the current basemap. */
export const coordsToLatLng = (c) => toMap(c[0], c[1]);
