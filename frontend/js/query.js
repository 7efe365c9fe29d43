// The parcel query tool: draw a rectangle or polygon, or pick a zone; the server's analysis
// (POST /api/analysis/parcels) is shown as tables of areas in 亩 and hectares by land-use class,
// status and town, the parcels are highlighted, and the result can be exported as CSV or GeoJSON;
// the parcels' editors can change the status of the result's parcels at once (batch.js).
import { coordsToLatLng, fromMap, onDatumChange } from './datum.js';
import { featureName, t, tv } from './i18n.js';
import { escapeHtml, fetchJson, fmt, download, showError, showMessage } from './util.js';

export class ParcelQuery {
  constructor(map, overlays) {
    this.map = map;
    this.overlays = overlays;
    this.layer = L.featureGroup().addTo(map);
    this.result = null;
    this.request = null;
    this.pending = false;
    this.panel = document.getElementById('query-result');
    this.exports = document.getElementById('query-exports');
    this.batch = null; // batch.js (and the editing code it uses), loaded for the first result its caller may edit
    const shape = { color: '#ff6f00', weight: 2, fillOpacity: 0.05 };
    this.handlers = {
      rectangle: new L.Draw.Rectangle(map, { shapeOptions: shape, showArea: false }),
      polygon: new L.Draw.Polygon(map, { shapeOptions: shape, showArea: false, allowIntersection: false })
    };
    document.getElementById('query-rect').addEventListener('click', () => this.draw('rectangle'));
    document.getElementById('query-polygon').addEventListener('click', () => this.draw('polygon'));
    document.getElementById('query-zone-run').addEventListener('click', () => this.queryZone());
    document.getElementById('query-clear').addEventListener('click', () => this.clear());
    document.getElementById('export-csv').addEventListener('click', () => this.exportCsv());
    document.getElementById('export-geojson').addEventListener('click', () => this.exportGeojson());
    map.on(L.Draw.Event.CREATED, (e) => {
      if (this.pending) {
        this.pending = false;
        this.run({ geometry: toGeometry(e.layer) });
      }
    });
    map.on(L.Draw.Event.DRAWSTOP, () => { this.pending = false; });
    onDatumChange(() => this.drawResult());
  }

  setZones(zones) {
    const select = document.getElementById('query-zone');
    select.innerHTML = zones.filter((z) => z.properties.kind !== 'district')
      .map((z) => '<option value="' + escapeHtml(z.id) + '">' + escapeHtml(featureName(z.properties)) + '</option>').join('');
  }

  draw(kind) {
    Object.values(this.handlers).forEach((h) => h.disable());
    this.pending = true;
    this.handlers[kind].enable();
  }

  queryZone() {
    const code = document.getElementById('query-zone').value;
    const zone = this.overlays.zoneData.find((z) => z.id === code);
    if (zone) {
      this.run({ geometry: zone.geometry, zone: code });
    }
  }

  /** Sends the request (WGS-84 geometry) and shows the answer. */
  async run(request) {
    this.request = request;
    this.showResultActions(false);
    this.panel.textContent = t('querying');
    document.body.dataset.query = 'running';
    try {
      this.result = await fetchJson('/api/analysis/parcels?geometry=true', {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(request)
      });
      this.drawResult();
      this.showTables();
      this.showResultActions(true);
      document.body.dataset.query = 'done';
    } catch (error) {
      this.result = null;
      this.panel.textContent = '';
      showError(error);
      document.body.dataset.query = 'error';
    }
  }

  drawResult() {
    this.layer.clearLayers();
    if (!this.request) return;
    L.geoJSON(this.request.geometry, { coordsToLatLng, interactive: false,
      style: { color: '#ff6f00', weight: 2, dashArray: '4 3', fillOpacity: 0.03, className: 'query-area' } }).addTo(this.layer);
    if (this.result) {
      L.geoJSON(this.result.parcels, { coordsToLatLng,
        style: { color: '#ffea00', weight: 2, fillColor: '#ff6f00', fillOpacity: 0.35, className: 'query-parcel' },
        onEachFeature: (f, l) => l.bindTooltip(escapeHtml(f.id + ' · ' + tv(f.properties.landuse_name))) }).addTo(this.layer);
    }
  }

  showTables() {
    const r = this.result;
    const row = (label, tally) => '<tr><th scope="row">' + escapeHtml(label) + '</th><td>' + tally.count + '</td><td>'
      + fmt(tally.area_mu, 2) + '</td><td>' + fmt(tally.area_ha, 4) + '</td></tr>';
    const table = (caption, rows) => '<table><caption>' + escapeHtml(caption) + '</caption><thead><tr><th></th><th>'
      + escapeHtml(t('count')) + '</th><th>' + escapeHtml(t('mu')) + '</th><th>' + escapeHtml(t('ha')) + '</th></tr></thead><tbody>'
      + rows.join('') + '</tbody></table>';
    this.panel.innerHTML = '<p>' + escapeHtml(t('queryArea')) + ': <span id="query-area-mu">' + fmt(r.area.area_mu, 2) + '</span> '
      + escapeHtml(t('mu')) + ' / ' + fmt(r.area.area_ha, 4) + ' ' + escapeHtml(t('ha')) + '</p>'
      + '<p class="query-total">' + escapeHtml(t('total')) + ': ' + r.total.count + ' · <span id="query-total-mu">'
      + fmt(r.total.area_mu, 2) + '</span> ' + escapeHtml(t('mu')) + ' / <span id="query-total-ha">' + fmt(r.total.area_ha, 4)
      + '</span> ' + escapeHtml(t('ha')) + '</p>'
      + table(t('byLanduse'), r.by_landuse.map((l) => row(l.code + ' ' + tv(l.name), l)))
      + table(t('byStatus'), r.by_status.map((s) => row(tv(s.status), s)))
      + table(t('byTown'), r.by_town.map((s) => row(s.town, s)));
  }

  /** Exports and the batch change belong to a result: shown with one, hidden while there is none. */
  showResultActions(shown) {
    this.exports.hidden = !shown;
    const parcels = shown ? this.result.parcels.features : [];
    // The parcels carry versions only for their editors: the public never loads the batch code.
    if (parcels.length && parcels.every((f) => Number.isInteger(f.properties.version))) {
      this.batch ??= import('./batch.js').then((m) => new m.StatusBatch(() => this.run(this.request)));
      this.batch.then((b) => b.show(this.result)).catch(showError);
    } else if (this.batch) {
      this.batch.then((b) => b.hide());
    }
  }

  clear() {
    this.request = null;
    this.result = null;
    this.layer.clearLayers();
    this.panel.textContent = '';
    this.showResultActions(false);
    showMessage('');
  }

  exportCsv() {
    if (!this.result) return;
    const features = this.result.parcels.features;
    // The owner only when the server sent it, i.e. to land staff.
    const owner = features.some((f) => 'owner' in f.properties) ? ['owner'] : [];
    const header = ['parcel_no', 'landuse_code', 'landuse_name', 'landuse_l1_code', 'landuse_l1_name', 'status', 'town', ...owner,
      'area_m2', 'area_mu', 'area_ha', 'intersected_m2', 'intersected_mu', 'intersected_ha'];
    const cell = (v) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? '"' + String(v).replace(/"/g, '""') + '"' : String(v));
    const lines = features.map((f) => [f.id, ...header.slice(1).map((k) => f.properties[k])].map(cell).join(','));
    // A BOM so spreadsheet programs read the Chinese text as UTF-8.
    download('parcels-query.csv', 'text/csv;charset=utf-8', '\ufeff' + [header.join(','), ...lines].join('\r\n') + '\r\n');
  }

  exportGeojson() {
    if (!this.result) return;
    const out = { type: 'FeatureCollection', query: this.request, total: this.result.total, features: this.result.parcels.features };
    download('parcels-query.geojson', 'application/geo+json', JSON.stringify(out, null, 1));
  }
}

/** A drawn Leaflet polygon/rectangle as a GeoJSON Polygon in WGS-84 (shifted back from GCJ-02). */
function toGeometry(layer) {
  const ring = layer.getLatLngs()[0].map(fromMap);
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}
