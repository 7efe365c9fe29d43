// Parcels from the server's vector tiles (/tiles/parcels/{z}/{x}/{y}.mvt), painted on canvases:
// filled by land-use class, outlined by status from STATUS_OUTLINE_ZOOM on, filterable by class,
// clickable (popup with the parcel's fields). At the zooms the server serves from overviews (z13 and
// below for the district's parcels) a feature is a group of parcels of one class and status (overview: true). On a GCJ-02 basemap every vertex is shifted, and a
// map tile is painted from the server tiles that cover its shifted area.
import { datum, onDatumChange, toMap } from './datum.js';
import { decodeTile } from './mvt.js';
import { LANDUSE_COLOURS, STATUS_COLOURS, STATUS_OUTLINE_ZOOM } from './style.js';
import { toWgs84 } from './gcj02.js';

const MIN_ZOOM = 11;
const MAX_SERVER_ZOOM = 18;
const CACHED_TILES = 512;

export const ParcelLayer = L.GridLayer.extend({
  options: { minZoom: MIN_ZOOM, maxZoom: 20, maxNativeZoom: 20, updateWhenZooming: false, pane: 'overlayPane' },

  initialize(options) {
    L.GridLayer.prototype.initialize.call(this, options);
    this.cache = new Map();
    this.landuse = '';
    this.audienceKey = '';
    this.paths = new Map();
    this.on('tileunload', (e) => this.paths.delete(this._tileCoordsToKey(e.coords)));
    onDatumChange(() => this.repaint());
  },

  /** Shows only parcels of this level-1 land-use code ('' for all). */
  setLanduse(code) {
    if ((code || '') !== this.landuse) {
      this.landuse = code || '';
      this.repaint();
    }
  },

  /**
   * The server's tiles differ by audience (the public sees fewer projects and fields). The audience
   * in the URL keeps the browser's HTTP cache from handing a user who just signed in the public tiles.
   */
  useAudience(audience) {
    const key = !audience || audience === 'PUBLIC' ? '' : '?audience=' + encodeURIComponent(audience.toLowerCase());
    if (key !== this.audienceKey) {
      this.audienceKey = key;
      this.cache.clear();
      this.repaint();
    }
  },

  /** Paints every tile again at the current tile zoom (GridLayer.redraw would use an unrounded zoom). */
  repaint() {
    if (this._map) {
      this._removeAllTiles();
      this._update();
    }
  },

  createTile(coords, done) {
    const size = this.getTileSize();
    const canvas = L.DomUtil.create('canvas', 'parcel-tile');
    canvas.width = size.x;
    canvas.height = size.y;
    const key = this._tileCoordsToKey(coords);
    const z = Math.min(coords.z, MAX_SERVER_ZOOM);
    const sources = this.sourceTiles(coords, z);
    Promise.all(sources.map((s) => this.fetchTile(s.z, s.x, s.y).then((layers) => ({ ...s, layers }))))
      .then((tiles) => {
        this.paths.set(key, this.paint(canvas, coords, tiles));
        done(null, canvas);
      })
      .catch((error) => done(error, canvas));
    return canvas;
  },

  /** The server tiles at zoom z whose data falls in this map tile (itself, or up to 4 when shifted). */
  sourceTiles(coords, z) {
    const size = this.getTileSize();
    const scale = Math.pow(2, coords.z - z);
    if (datum() !== 'gcj02') {
      return [{ z, x: Math.floor(coords.x / scale), y: Math.floor(coords.y / scale) }];
    }
    const nw = this._map.unproject(coords.scaleBy(size), coords.z);
    const se = this._map.unproject(coords.add([1, 1]).scaleBy(size), coords.z);
    const corners = [toWgs84(nw.lng, nw.lat), toWgs84(se.lng, se.lat)]
      .map(([lon, lat]) => this._map.project(L.latLng(lat, lon), z).divideBy(size.x).floor());
    const tiles = [];
    for (let x = corners[0].x; x <= corners[1].x; x++) {
      for (let y = corners[0].y; y <= corners[1].y; y++) {
        tiles.push({ z, x, y });
      }
    }
    return tiles;
  },

  fetchTile(z, x, y) {
    const url = '/tiles/parcels/' + z + '/' + x + '/' + y + '.mvt' + this.audienceKey;
    if (!this.cache.has(url)) {
      const request = this.extent().then((box) => (box && !overlaps(box, z, x, y) ? {} : fetch(url).then((r) => {
        if (!r.ok) throw new Error('HTTP ' + r.status + ' ' + url);
        return r.arrayBuffer();
      }).then((buffer) => (buffer.byteLength ? decodeTile(buffer) : {}))));
      request.catch(() => this.cache.delete(url));
      this.cache.set(url, request);
      if (this.cache.size > CACHED_TILES) {
        this.cache.delete(this.cache.keys().next().value);
      }
    }
    return this.cache.get(url);
  },

  /**
   * The parcels' lon/lat box (the TileJSON's bounds), or null if unknown: tiles outside it are empty and
   * not asked for (half the first view's tiles). Kept in the tile cache, so clearing it after an edit asks again.
   */
  extent() {
    const url = '/tiles/parcels.json' + this.audienceKey;
    if (!this.cache.has(url)) {
      this.cache.set(url, fetch(url).then((r) => (r.ok ? r.json() : {})).then((j) => j.bounds || null, () => null));
    }
    return this.cache.get(url);
  },

  /** Paints the features and returns their hit-test paths with ids. */
  paint(canvas, coords, tiles) {
    const ctx = canvas.getContext('2d');
    const size = this.getTileSize();
    const origin = coords.scaleBy(size);
    const outline = coords.z >= STATUS_OUTLINE_ZOOM;
    const hits = [];
    tiles.forEach(({ z, x, y, layers }) => {
      const layer = layers.parcels;
      if (!layer) return;
      const unit = size.x / layer.extent;
      const toPixel = (px, py) => {
        // tile units → WGS-84 lon/lat at the source zoom → map position on the current basemap
        const worldX = (x + px / layer.extent) * size.x;
        const worldY = (y + py / layer.extent) * size.y;
        const ll = this._map.unproject(L.point(worldX, worldY), z);
        return this._map.project(toMap(ll.lng, ll.lat), coords.z).subtract(origin);
      };
      const direct = datum() !== 'gcj02';
      const scale = Math.pow(2, coords.z - z) * unit;
      const offsetX = (x * size.x * Math.pow(2, coords.z - z)) - origin.x;
      const offsetY = (y * size.y * Math.pow(2, coords.z - z)) - origin.y;
      layer.features.forEach((f) => {
        const p = f.properties;
        if (this.landuse && p.landuse_l1_code !== this.landuse) return;
        // An overview group whose parcels are all too small to see is a point: it carries counts, not a shape.
        if (f.type !== 3) return;
        const path = new Path2D();
        f.geometry.forEach((ring) => {
          ring.forEach(([px, py], i) => {
            const pt = direct ? { x: px * scale + offsetX, y: py * scale + offsetY } : toPixel(px, py);
            if (i === 0) path.moveTo(pt.x, pt.y); else path.lineTo(pt.x, pt.y);
          });
          path.closePath();
        });
        ctx.fillStyle = LANDUSE_COLOURS[p.landuse_l1_code] || '#ccc';
        ctx.globalAlpha = 0.65;
        ctx.fill(path, 'evenodd');
        ctx.globalAlpha = 1;
        ctx.strokeStyle = outline ? (STATUS_COLOURS[p.status] || '#333') : 'rgba(255,255,255,0.8)';
        ctx.lineWidth = outline ? 1.5 : 0.5;
        ctx.stroke(path);
        hits.push(p.overview ? { path, overview: p } : { path, id: p.id });
      });
    });
    return hits;
  },

  /**
   * What is under a map position: { id } of a parcel, { overview } (the properties of an overview group: its
   * land-use class and status in one overview cell, with the count and area of its parcels) at the zooms the
   * server draws from overviews, or null.
   */
  featureAt(latlng) {
    if (!this._map || this._map.getZoom() < MIN_ZOOM) return null;
    const size = this.getTileSize();
    const z = this._tileZoom;
    const pixel = this._map.project(latlng, z);
    const coords = pixel.unscaleBy(size).floor();
    coords.z = z;
    const hits = this.paths.get(this._tileCoordsToKey(coords));
    if (!hits) return null;
    const local = pixel.subtract(coords.scaleBy(size));
    const ctx = document.createElement('canvas').getContext('2d');
    for (let i = hits.length - 1; i >= 0; i--) {
      if (ctx.isPointInPath(hits[i].path, local.x, local.y, 'evenodd')) return hits[i];
    }
    return null;
  }
});

/** Whether server tile z/x/y overlaps the lon/lat box [west, south, east, north]. */
function overlaps([west, south, east, north], z, x, y) {
  const n = Math.pow(2, z);
  const lon = (tx) => tx / n * 360 - 180;
  const lat = (ty) => Math.atan(Math.sinh(Math.PI * (1 - 2 * ty / n))) * 180 / Math.PI;
  return lon(x) <= east && lon(x + 1) >= west && lat(y + 1) <= north && lat(y) >= south;
}
