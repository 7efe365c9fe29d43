// Editing in the map for signed-in staff (never for the public or embeds): draw new features,
// reshape geometries, edit attributes with the domain's choice lists, delete and undelete, and
// restore old versions. Every save names the version it started from (If-Match), so a change made
// meanwhile by someone else is reported (412) instead of overwritten. The land-use class is picked
// by typing its code, name or class (landuse-picker.js).
import { coordsToLatLng, fromMap, onDatumChange } from './datum.js';
import { t, tv } from './i18n.js';
import { showHistory } from './history.js';
import { landusePicker } from './landuse-picker.js';
import { popupHtml } from './popups.js';
import { holdMap, releaseMap } from './toolmode.js';
import { bottomSheetHeight, csrfHeader, escapeHtml, fetchJson, fitAboveSheet, showError, showMessage } from './util.js';

/** Which roles edit which layer (as the server's SecurityConfig decides). */
const EDITORS = { zones: ['ADMIN'], projects: ['PLANNER', 'ADMIN'], parcels: ['LAND_STAFF', 'ADMIN'] };
/** The attribute form per layer: field and input kind; choices come from /api/choices. */
const FORM = {
  zones: [['name_zh', 'text'], ['name_en', 'text'], ['kind', 'choice'], ['description', 'textarea'], ['public', 'boolean']],
  projects: [['name_zh', 'text'], ['name_en', 'text'], ['category', 'choice'], ['stage', 'choice'], ['investment_wan', 'number'],
    ['responsible_unit', 'text'], ['planned_start', 'date'], ['planned_finish', 'date'], ['actual_start', 'date'], ['actual_finish', 'date']],
  parcels: [['landuse_code', 'choice'], ['status', 'choice'], ['renovation', 'choice'], ['farmland_protected', 'boolean'],
    ['town', 'text'], ['owner', 'text']]
};
const DRAW = { zones: ['polygon'], parcels: ['polygon'], projects: ['marker', 'polyline', 'polygon'] };

/** Starts editing for the signed-in user, if any of their roles edits a layer. */
export async function startEditing(map, me) {
  const layers = Object.keys(EDITORS).filter((l) => me.signedIn && EDITORS[l].some((r) => (me.roles || []).includes(r)));
  if (!layers.length) return null;
  const editor = new Editor(map, layers, await fetchJson('/api/choices'));
  window.luqiao.editor = editor;
  return editor;
}

class Editor {
  constructor(map, layers, choices) {
    this.map = map;
    this.layers = layers;
    this.choices = choices;
    this.current = null;
    this.shape = null;
    this.buildPanel();
    map.on('popupopen', (e) => this.offerEdit(e.popup));
    map.on(L.Draw.Event.CREATED, (e) => this.drawn(e.layer));
    map.on(L.Draw.Event.DRAWSTOP, () => { this.pending = null; });
    // A shape drawn on one datum would be sent shifted after a switch to the other: start over instead.
    onDatumChange(() => this.clear());
  }

  buildPanel() {
    const tab = document.createElement('button');
    Object.assign(tab, { type: 'button', tabIndex: -1, textContent: t('tabEdit') });
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-selected', 'false');
    tab.setAttribute('aria-controls', 'tab-edit');
    tab.dataset.tab = 'edit';
    tab.addEventListener('click', () => this.openTab());
    document.querySelector('.tabs').appendChild(tab);
    const section = document.createElement('section');
    section.id = 'tab-edit';
    section.setAttribute('role', 'tabpanel');
    section.hidden = true;
    section.innerHTML = '<p class="hint">' + escapeHtml(t('editHint')) + '</p>'
      + '<label><span>' + escapeHtml(t('editNew')) + '</span> <select id="edit-layer">'
      + this.layers.map((l) => '<option value="' + l + '">' + escapeHtml(t(l)) + '</option>').join('') + '</select></label>'
      + '<div class="buttons" id="edit-draw"></div>'
      + '<form id="edit-form" autocomplete="off" hidden></form><div id="edit-history"></div>';
    document.getElementById('panel').appendChild(section);
    const select = section.querySelector('#edit-layer');
    select.addEventListener('change', () => this.drawButtons(select.value));
    this.drawButtons(select.value);
  }

  openTab() {
    document.body.classList.remove('panel-closed');
    document.querySelectorAll('[role=tab]').forEach((tab) => {
      const on = tab.dataset.tab === 'edit';
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      document.getElementById('tab-' + tab.dataset.tab).hidden = !on;
    });
  }

  drawButtons(layer) {
    const box = document.getElementById('edit-draw');
    box.innerHTML = DRAW[layer].map((kind) => '<button type="button" data-kind="' + kind + '">'
      + escapeHtml(t('draw.' + kind)) + '</button>').join('');
    box.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => {
      this.clear();
      this.pending = layer;
      const Tool = { marker: L.Draw.Marker, polyline: L.Draw.Polyline, polygon: L.Draw.Polygon }[b.dataset.kind];
      new Tool(this.map, b.dataset.kind === 'polygon' ? { allowIntersection: false, showArea: false } : {}).enable();
    }));
  }

  /** An "edit" button in the popup of a feature this user may edit. */
  offerEdit(popup) {
    const box = popup.getElement() && popup.getElement().querySelector('.popup[data-layer]');
    if (!box || !this.layers.includes(box.dataset.layer) || box.querySelector('.edit-feature')) return;
    const button = document.createElement('button');
    Object.assign(button, { type: 'button', className: 'edit-feature', textContent: t('edit') });
    button.addEventListener('click', () => this.open(box.dataset.layer, box.dataset.id).catch(showError));
    box.appendChild(button);
  }

  /** Loads the feature with its ETag, shows its shape and its form. */
  async open(layer, id) {
    const r = await fetch(this.url(layer, id), { headers: { Accept: 'application/geo+json' } });
    if (!r.ok) throw new Error((await r.json()).detail);
    const feature = await r.json();
    this.clear();
    this.current = { layer, id, etag: r.headers.get('ETag'), feature, deleted: false };
    this.shape = L.featureGroup(editableParts(feature.geometry)).addTo(this.map);
    this.openTab();
    this.showAboveSheet();
    this.renderForm();
    await this.renderHistory();
  }

  /**
   * On a phone the form is a bottom sheet over the map's lower part and the popup covered the rest: the
   * popup closes (the form says the same) and the shape is fitted above the sheet, not zoomed in.
   */
  showAboveSheet() {
    if (!bottomSheetHeight()) return;
    this.map.closePopup();
    fitAboveSheet(this.map, this.shape.getBounds(), this.map.getZoom());
  }

  /** A shape just drawn: the form of a new feature of the chosen layer. */
  drawn(shape) {
    if (!this.pending) return;
    if (shape.setStyle) shape.setStyle(SHAPE_STYLE);
    this.shape = L.featureGroup([shape]).addTo(this.map);
    this.current = { layer: this.pending, id: null, etag: null, feature: { properties: {} }, deleted: false };
    this.pending = null;
    this.renderForm();
    document.getElementById('edit-history').innerHTML = '';
  }

  renderForm() {
    const { layer, id, feature, deleted } = this.current;
    const form = document.getElementById('edit-form');
    const p = feature.properties;
    let html = '<h3>' + escapeHtml(t(layer)) + ' ' + escapeHtml(id || t('editNewFeature')) + '</h3>';
    if (!id) {
      html += '<label><span>' + escapeHtml(t('code')) + '</span> <input name="id" required pattern="[A-Za-z0-9][A-Za-z0-9._\\-]*"></label>';
    }
    FORM[layer].forEach(([name, kind]) => {
      // The stage follows the project chain (transitions); only a new project takes one here.
      const locked = name === 'stage' && id;
      html += name === 'landuse_code' ? '<div class="landuse-slot"></div>'
        : '<label><span>' + escapeHtml(t(name)) + '</span> ' + this.input(layer, name, kind, p[name], locked) + '</label>';
    });
    html += '<div class="buttons">'
      + (deleted ? '<button type="button" id="edit-undelete">' + escapeHtml(t('undelete')) + '</button>'
        : '<button type="submit" id="edit-save">' + escapeHtml(t('save')) + '</button>'
          + (id ? '<button type="button" id="edit-reshape">' + escapeHtml(t('reshape')) + '</button>'
            + '<button type="button" id="edit-delete">' + escapeHtml(t('delete')) + '</button>' : ''))
      + '<button type="button" id="edit-cancel">' + escapeHtml(t('cancel')) + '</button></div>';
    form.innerHTML = html;
    const slot = form.querySelector('.landuse-slot');
    if (slot) slot.replaceWith(landusePicker('landuse_code', this.choices.parcels.landuse_code, p.landuse_code));
    form.hidden = false;
    form.onsubmit = (e) => { e.preventDefault(); this.save().catch(showError); };
    const on = (sel, fn) => { const b = form.querySelector(sel); if (b) b.addEventListener('click', () => fn().catch(showError)); };
    on('#edit-reshape', async () => this.reshape());
    on('#edit-delete', () => this.write('DELETE', this.url(layer, id), null, 'deleted'));
    on('#edit-undelete', () => this.write('POST', this.url(layer, id) + '/undelete', null, 'undeleted'));
    on('#edit-cancel', async () => this.clear());
  }

  input(layer, name, kind, value, locked) {
    const attrs = ' name="' + name + '"' + (locked ? ' disabled' : '');
    if (kind === 'choice') {
      const list = this.choices[layer][name] || [];
      const options = list.map((c) => [c, tv(c)]);
      const blank = name === 'renovation' ? '<option value=""></option>' : '';
      return '<select' + attrs + '>' + blank + options.map(([v, label]) => '<option value="' + escapeHtml(v) + '"'
        + (v === value ? ' selected' : '') + '>' + escapeHtml(label) + '</option>').join('') + '</select>';
    }
    if (kind === 'boolean') return '<input type="checkbox"' + attrs + (value || (value === undefined && name === 'public') ? ' checked' : '') + '>';
    if (kind === 'textarea') return '<textarea rows="3"' + attrs + '>' + escapeHtml(value ?? '') + '</textarea>';
    const type = kind === 'number' ? 'number" min="0" step="any' : kind;
    return '<input type="' + type + '"' + attrs + ' value="' + escapeHtml(value ?? '') + '">';
  }

  reshape() {
    this.shape.eachLayer((l) => {
      if (l instanceof L.Marker) {
        l.dragging.enable();
        return;
      }
      // What leaflet-draw's edit toolbar sets before it edits a shape; its vertex editor reads both.
      l.options.original = L.extend({}, l.options);
      l.options.editing = L.extend({}, SHAPE_STYLE, { dashArray: '6 4' });
      l.editing.enable();
    });
    // While the vertices can be dragged, clicks are the reshaping's (no popup over a vertex); Esc ends it.
    holdMap(this.map, 'reshape', () => this.endReshape());
    showMessage(t('reshapeHint'));
  }

  /** Ends reshaping: the vertex handles go, the shape stays as moved (the form saves it). */
  endReshape() {
    if (this.shape) {
      this.shape.eachLayer((l) => {
        if (l instanceof L.Marker) {
          if (l.dragging) l.dragging.disable();
        } else if (l.editing && l.editing.enabled()) {
          l.editing.disable();
        }
      });
    }
    releaseMap(this.map, 'reshape');
  }

  /** The form's values as GeoJSON properties (the stage as it is: the server keeps it). */
  properties() {
    const form = document.getElementById('edit-form');
    const out = {};
    FORM[this.current.layer].forEach(([name, kind]) => {
      const el = form.elements[name];
      if (kind === 'boolean') out[name] = el.checked;
      else if (kind === 'number') out[name] = el.value === '' ? null : Number(el.value);
      else out[name] = el.value === '' ? null : el.value;
    });
    return out;
  }

  /** The shape as a GeoJSON geometry in WGS-84, whatever datum the basemap is drawn in; several parts make a Multi*. */
  geometry() {
    const back = (c) => (typeof c[0] === 'number' ? fromMap(L.latLng(c[1], c[0])) : c.map(back));
    // Unrounded (Leaflet rounds to 6 decimals): a shape not reshaped goes back as it was read.
    const parts = this.shape.getLayers().map((l) => l.toGeoJSON(false).geometry);
    if (parts.length === 1) return { type: parts[0].type, coordinates: back(parts[0].coordinates) };
    return { type: 'Multi' + parts[0].type, coordinates: parts.map((g) => back(g.coordinates)) };
  }

  async save() {
    const { layer, id } = this.current;
    const body = { type: 'Feature', geometry: this.geometry(), properties: this.properties() };
    if (id) {
      await this.write('PUT', this.url(layer, id), body, 'saved');
    } else {
      body.id = document.getElementById('edit-form').elements.id.value.trim();
      const answer = await this.write('POST', '/api/' + layer, body, 'created');
      if (answer) await this.open(layer, answer.id);
    }
  }

  /** Sends a write with If-Match and the CSRF token; reports the outcome; refreshes the map. */
  async write(method, url, body, done) {
    const headers = { Accept: 'application/geo+json', ...(await csrfHeader()) };
    if (body) headers['Content-Type'] = 'application/geo+json';
    if (this.current.etag) headers['If-Match'] = this.current.etag;
    const r = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const answer = await r.json();
    if (r.status === 412) {
      showMessage(t('editStale'), true);
      this.offerReload();
      return null;
    }
    if (!r.ok) {
      showMessage(t('editRefused') + (answer.detail || answer.title), true);
      return null;
    }
    this.endReshape();
    Object.assign(this.current, { etag: r.headers.get('ETag'), feature: answer, deleted: answer.deleted, id: answer.id });
    showMessage(t('edit.' + done) + (answer.repaired ? ' ' + t('repairedNote') : ''));
    await refresh(this.current.layer);
    this.showPopup(answer);
    this.renderForm();
    await this.renderHistory();
    return answer;
  }

  /** After a 412: a button that loads the current version (the edits in the form are dropped). */
  offerReload() {
    const buttons = document.querySelector('#edit-form .buttons');
    if (!buttons || buttons.querySelector('#edit-reload')) return;
    const button = document.createElement('button');
    Object.assign(button, { type: 'button', id: 'edit-reload', textContent: t('reload') });
    const { layer, id } = this.current;
    button.addEventListener('click', () => this.open(layer, id).catch(showError));
    buttons.prepend(button);
  }

  showPopup(feature) {
    if (feature.deleted) {
      this.map.closePopup();
      return;
    }
    const centre = L.geoJSON(feature, { coordsToLatLng }).getBounds().getCenter();
    const zoneName = (c) => window.luqiao.overlays.zoneName(c);
    L.popup().setLatLng(centre).setContent(popupHtml(this.current.layer, feature, zoneName)).openOn(this.map);
  }

  async renderHistory() {
    const { layer, id } = this.current;
    const box = document.getElementById('edit-history');
    // The restored version's shape replaces the one shown (write has rendered the form and history anew).
    await showHistory(box, layer, id, (version) =>
      this.write('POST', this.url(layer, id) + '/restore?version=' + version, null, 'restored').then((answer) => {
        if (answer && this.shape) {
          this.map.removeLayer(this.shape);
          this.shape = L.featureGroup(editableParts(answer.geometry)).addTo(this.map);
        }
      }));
  }

  url(layer, id) {
    return '/api/' + encodeURIComponent(layer) + '/' + encodeURIComponent(id);
  }

  clear() {
    this.endReshape();
    if (this.shape) this.map.removeLayer(this.shape);
    this.shape = null;
    this.current = null;
    document.getElementById('edit-form').hidden = true;
    document.getElementById('edit-history').innerHTML = '';
  }
}

const SHAPE_STYLE = { color: '#e65100', weight: 3, fillOpacity: 0.15 };

/**
 * The geometry as one Leaflet layer per part (placed on the current basemap's datum): leaflet-draw
 * edits the vertices of a polygon with holes, a line or a marker, but not of a multi-polygon as one.
 */
function editableParts(geometry) {
  const ring = (positions) => positions.map(coordsToLatLng);
  const one = (type, c) => (type === 'Point' ? L.marker(coordsToLatLng(c))
    : type === 'LineString' ? L.polyline(ring(c), SHAPE_STYLE) : L.polygon(c.map(ring), SHAPE_STYLE));
  return geometry.type.startsWith('Multi')
    ? geometry.coordinates.map((c) => one(geometry.type.substring(5), c)) : [one(geometry.type, geometry.coordinates)];
}


/** Shows a change of the layer on the map: parcel tiles are fetched anew, zones and projects reloaded. */
export async function refresh(layer) {
  const { overlays, parcels, finder } = window.luqiao;
  if (layer === 'parcels') {
    parcels.cache.clear();
    parcels.repaint();
  } else if (layer === 'zones') {
    overlays.setZones((await fetchJson('/api/zones?limit=10000')).features);
  } else {
    overlays.projectData = (await fetchJson('/api/projects?limit=10000')).features;
    if (finder) await finder.apply();
  }
}
