// Measuring distance and area on the map (m / km, m² / 亩 / ha). The server measures on the WGS 84
// ellipsoid as it does every figure (a sphere would be off by up to half a percent); the drawn
// points are shifted back to WGS-84 first when a GCJ-02 basemap is shown.
import { fromMap, onDatumChange } from './datum.js';
import { t } from './i18n.js';
import { fetchJson, fmt, showError } from './util.js';

const MU_M2 = 10000 / 15;

export function formatLength(m) {
  return m >= 1000 ? fmt(m / 1000, 3) + ' ' + t('km') : fmt(m, 1) + ' ' + t('m');
}

export function formatArea(m2) {
  return fmt(m2, 0) + ' ' + t('m2') + ' · ' + fmt(m2 / MU_M2, 2) + ' ' + t('mu') + ' · ' + fmt(m2 / 10000, 4) + ' ' + t('ha');
}

export class Measure {
  constructor(map) {
    this.map = map;
    this.layer = L.featureGroup().addTo(map);
    this.pending = false;
    this.output = document.getElementById('measure-result');
    const shape = { color: '#6a1b9a', weight: 3, fillOpacity: 0.1 };
    this.handlers = {
      distance: new L.Draw.Polyline(map, { shapeOptions: shape, showLength: false }),
      area: new L.Draw.Polygon(map, { shapeOptions: shape, showArea: false, allowIntersection: false })
    };
    document.getElementById('measure-distance').addEventListener('click', () => this.start('distance'));
    document.getElementById('measure-area').addEventListener('click', () => this.start('area'));
    document.getElementById('measure-clear').addEventListener('click', () => { this.layer.clearLayers(); this.output.textContent = ''; });
    map.on(L.Draw.Event.CREATED, (e) => {
      if (this.pending) {
        this.pending = false;
        this.show(e.layerType, e.layer);
      }
    });
    map.on(L.Draw.Event.DRAWSTOP, () => { this.pending = false; });
    // Measured shapes are not redrawn on another datum: they are cleared instead.
    onDatumChange(() => { this.layer.clearLayers(); this.output.textContent = ''; });
  }

  start(kind) {
    Object.values(this.handlers).forEach((h) => h.disable());
    this.pending = true;
    this.handlers[kind].enable();
  }

  async show(type, layer) {
    const line = type === 'polyline';
    const positions = (line ? layer.getLatLngs() : layer.getLatLngs()[0]).map((ll) => fromMap(ll));
    const geometry = line ? { type: 'LineString', coordinates: positions }
      : { type: 'Polygon', coordinates: [[...positions, positions[0]]] };
    layer.addTo(this.layer);
    this.output.textContent = '…';
    try {
      const m = await fetchJson('/api/analysis/measure', { method: 'POST', body: JSON.stringify({ geometry }),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
      const text = line ? t('distance') + ': ' + formatLength(m.length_m) : t('area') + ': ' + formatArea(m.area_m2);
      layer.bindTooltip(text, { permanent: true, className: 'measure-label' });
      this.output.textContent = text;
      this.output.dataset.geometry = JSON.stringify(geometry);
    } catch (error) {
      this.output.textContent = '';
      showError(error);
    }
  }
}
