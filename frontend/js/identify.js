// The identify tool (点查, the "i" of SuperMap iServer and uMap): while it is on, one click on the map
// lists in one popup everything there as the server finds it for the caller (GET /api/identify): the
// zones containing the point, the projects within a few pixels (polygons containing it) and the
// parcels containing it, each with its main figures and a link that zooms to it and opens its popup.
//
// The map has no shared tool-mode switch yet, so this tool keeps its clicks to itself: while it is
// on, a click on the map is caught before Leaflet sees it (a capturing listener on the map's
// container), so no feature popup or other map click handler fires as well. Controls and popups
// still get their clicks.
import { fromMap } from './datum.js';
import { featureName, t, tv } from './i18n.js';
import { escapeHtml, fetchJson, fmt, showError } from './util.js';

/** Pointer travel (pixels) between press and release beyond which a click is a drag of the map. */
const DRAG_PIXELS = 5;

export class Identify {
  /** select(layer, id) zooms to a feature and opens its popup; button (app.js) turns the tool on and off. */
  constructor(map, select, button) {
    this.map = map;
    this.select = select;
    this.on = false;
    this.down = null;
    this.button = button;
    L.DomEvent.on(button, 'click', () => this.toggle());
    const container = map.getContainer();
    container.addEventListener('mousedown', (e) => { this.down = [e.clientX, e.clientY]; }, true);
    container.addEventListener('click', (e) => this.capture(e), true);
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && this.on) this.toggle(); });
    // Drawing (query, measure, editing) needs the map's clicks: starting to draw turns identify off.
    map.on(L.Draw.Event.DRAWSTART, () => { if (this.on) this.toggle(); });
    container.addEventListener('click', (e) => {
      const link = e.target.closest('.identify-item');
      if (link) this.select(link.dataset.layer, link.dataset.id);
    });
  }

  toggle() {
    this.on = !this.on;
    this.button.setAttribute('aria-pressed', String(this.on));
    this.map.getContainer().classList.toggle('identify-mode', this.on);
    document.body.dataset.identify = this.on ? 'on' : 'off';
  }

  capture(e) {
    if (!this.on || e.target.closest('.leaflet-control, .leaflet-popup')) return;
    const moved = this.down && Math.hypot(e.clientX - this.down[0], e.clientY - this.down[1]) > DRAG_PIXELS;
    e.stopPropagation();
    if (!moved) this.identify(this.map.mouseEventToLatLng(e));
  }

  /** Asks the server what is at latlng and lists it in a popup there. */
  async identify(latlng) {
    const [lon, lat] = fromMap(latlng);
    document.body.dataset.identified = 'running';
    const popup = L.popup({ className: 'identify-popup', maxWidth: 340, maxHeight: 360 })
      .setLatLng(latlng).setContent(escapeHtml(t('querying'))).openOn(this.map);
    try {
      const found = await fetchJson('/api/identify?lon=' + lon.toFixed(7) + '&lat=' + lat.toFixed(7)
        + '&zoom=' + this.map.getZoom());
      popup.setContent(listHtml(found));
      document.body.dataset.identified = 'done';
    } catch (error) {
      popup.setContent('<div class="identify">' + escapeHtml(t('identifyFailed') + error.message) + '</div>');
      showError(error);
      document.body.dataset.identified = 'error';
    }
  }
}

function listHtml(found) {
  const section = (layer, items, line) => '<section data-layer="' + layer + '"><h3>' + escapeHtml(t(layer))
    + ' <small>' + items.length + '</small></h3>'
    + (items.length ? '<ul>' + items.map((i) => '<li><button type="button" class="identify-item" data-layer="' + layer
      + '" data-id="' + escapeHtml(i.id) + '">' + line(i) + '</button></li>').join('') + '</ul>'
      : '<p class="identify-none">' + escapeHtml(t('identifyNone')) + '</p>')
    + '</section>';
  const zone = (i) => '<strong>' + escapeHtml(featureName(i.properties) || i.id) + '</strong> · '
    + escapeHtml(t('kind.' + i.properties.kind));
  const project = (i) => '<strong>' + escapeHtml(featureName(i.properties) || i.id) + '</strong> · '
    + escapeHtml(tv(i.properties.stage)) + (i.properties.investment_wan != null
      ? ' · ' + fmt(i.properties.investment_wan, 0) + ' ' + escapeHtml(t('wan')) : '')
    + (i.distance_m > 0 ? ' · ' + fmt(i.distance_m, 0) + ' ' + escapeHtml(t('m')) : '');
  const parcel = (i) => '<strong>' + escapeHtml(i.id) + '</strong> · ' + escapeHtml(tv(i.properties.landuse_name))
    + ' · ' + escapeHtml(tv(i.properties.status)) + ' · ' + fmt(i.properties.area_mu, 2) + ' ' + escapeHtml(t('mu'));
  return '<div class="identify"><p class="identify-at">' + escapeHtml(t('identifyAt')) + ' '
    + fmt(found.lon, 6) + ', ' + fmt(found.lat, 6) + '</p>'
    + section('zones', found.zones, zone) + section('projects', found.projects, project)
    + section('parcels', found.parcels, parcel) + '</div>';
}
