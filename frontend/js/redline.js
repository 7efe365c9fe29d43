// The parcel query by a red-line file (红线文件): a zipped shapefile, KML, GeoJSON or CSV of vertices
// chosen in the query tab is sent as it is to POST /api/analysis/redline, which reads it as an import
// reads files (format, .prj / .cpg, CRS and encoding detection) and answers its unioned polygon in
// WGS-84; that polygon is then the query's area instead of a drawn one, and the parcel query runs
// with it (same result panel and exports).
import { coordsToLatLng } from './datum.js';
import { t } from './i18n.js';
import { fetchJson, fitAboveSheet, fmt, showError } from './util.js';

export class RedLineUpload {
  /** query is the ParcelQuery whose run({ geometry }) shows the result. */
  constructor(map, query) {
    this.map = map;
    this.query = query;
    this.input = document.getElementById('query-redline-file');
    this.crs = document.getElementById('query-redline-crs');
    this.note = document.getElementById('query-redline-note');
    this.input.addEventListener('change', () => {
      if (this.input.files.length) this.upload(this.input.files[0]);
    });
  }

  async upload(file) {
    this.note.textContent = t('redLineReading');
    document.body.dataset.redLine = 'reading';
    const crs = this.crs.value ? '&crs=' + encodeURIComponent(this.crs.value) : '';
    try {
      const area = await fetchJson('/api/analysis/redline?filename=' + encodeURIComponent(file.name) + crs, {
        method: 'POST', headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/geo+json' }, body: file
      });
      const p = area.properties;
      this.note.textContent = t('redLineRead').replace('{name}', file.name).replace('{n}', p.polygons)
        .replace('{crs}', p.crs).replace('{mu}', fmt(p.area_mu, 2));
      this.note.dataset.areaMu = p.area_mu;
      // On a phone the red line goes above the bottom sheet that shows the result.
      fitAboveSheet(this.map, L.geoJSON(area.geometry, { coordsToLatLng }).getBounds());
      document.body.dataset.redLine = 'read';
      await this.query.run({ geometry: area.geometry });
    } catch (error) {
      this.note.textContent = '';
      showError(error);
      document.body.dataset.redLine = 'error';
    } finally {
      // The same file chosen again is a new change.
      this.input.value = '';
    }
  }
}
