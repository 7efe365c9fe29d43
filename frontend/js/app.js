// The Luqiao web map: wires the basemaps, layers, finder, parcel query, measuring, zone panel,
// address state and language together. Everything it loads comes from this server. The code of tools
// that showing the map does not need (identify, measuring, red-line file, import/export, print, embed)
// is fetched at their first use (loadOnFirstUse), so the first visit makes fewer requests.
import { showAccount } from './account.js';
import { asOfQuery, dateControl, showTimelines } from './chain.js';
import { coordsToLatLng, onDatumChange, setDatum } from './datum.js';
import { Finder } from './find.js';
import { toGcj02, toWgs84 } from './gcj02.js';
import { lang, t, translateDraw, translatePage } from './i18n.js';
import { legendControl } from './legend.js';
import { Overlays } from './overlays.js';
import { ParcelLayer } from './parcels.js';
import { overviewPopupHtml, popupHtml } from './popups.js';
import { PUBLIC_STAGES } from './style.js';
import { ParcelQuery } from './query.js';
import { followDrawTools, toolActive } from './toolmode.js';
import { currentSearch, read, write } from './state.js';
import { fetchJson, showError, showMessage } from './util.js';
import { ZonePanel } from './zonepanel.js';

const LAYER_NAMES = ['zones', 'projects', 'parcels'];
/** The roles that read site inspections and problems (SecurityConfig). */
const INSPECTION_ROLES = ['INSPECTOR', 'PLANNER', 'ADMIN'];

translatePage();
translateDraw();
const initial = read();
const map = L.map('map', { zoomSnap: 0.5, maxZoom: 19, minZoom: 8, keyboard: true });
followDrawTools(map);
L.control.scale({ imperial: false }).addTo(map);
const overlays = new Overlays(map);
const parcels = new ParcelLayer();
const layers = { zones: overlays.zones, projects: overlays.projects, parcels };
const legend = legendControl(map, layers);
window.luqiao = { map, overlays, parcels, gcj02: { toGcj02, toWgs84 } };
/** What opening a tab also does: start loading its tool's code (see loadOnFirstUse). */
const whenTabOpens = {};
const embedButton = onMap(mapButton('embed-button leaflet-bar', t('embed'), t('embedTitle')));
loadOnFirstUse([embedButton], () => import('./embed-dialog.js').then((m) => m.embedDialog(window.luqiao, embedButton)));
const printButton = onMap(mapButton('print-button leaflet-bar', t('print'), t('printTitle')));
loadOnFirstUse([printButton], () => import('./print-dialog.js').then((m) => m.printDialog(window.luqiao, printButton)));

setUpPanel();
setUpLanguage();
const account = showAccount();
const personalTools = account.then((me) => {
  parcels.useAudience(me.audience);
  // Compliance lines in popups only for a view that holds them (PublicPolicy: staff, or published).
  // Code for what only some visitors get (compliance lines, editing) is fetched only for them.
  const compliance = me.sees && me.sees.compliance && import('./compliance.js').then((m) => m.showComplianceInPopups(map));
  return Promise.all([compliance, me.signedIn && import('./edit.js').then((m) => m.startEditing(map, me))]);
}).catch(showError);
start().catch((error) => {
  showError(error);
  document.body.dataset.loaded = 'error';
});

async function start() {
  // The basemaps (as GET /api/config answers them), written into the page by the server.
  const config = JSON.parse(document.getElementById('map-config').textContent);
  const basemaps = basemapLayers(config);
  const chosen = basemaps[initial.basemap] ? initial.basemap : config.defaultBasemap;
  const names = {};
  config.basemaps.forEach((b) => { names[t('basemap.' + b.id)] = basemaps[b.id]; });
  const overlayNames = {};
  LAYER_NAMES.forEach((name) => { overlayNames[t(name)] = layers[name]; });
  const layerControl = L.control.layers(names, overlayNames, { collapsed: window.innerWidth < 700 }).addTo(map);
  map.on('baselayerchange', (e) => {
    setDatum(e.layer.datum);
    write({ base: e.layer.basemapId });
  });
  setDatum(basemaps[chosen].datum);
  basemaps[chosen].addTo(map);
  (initial.layers || LAYER_NAMES).filter((n) => layers[n]).forEach((n) => layers[n].addTo(map));
  map.on('overlayadd overlayremove', () => write({ layers: LAYER_NAMES.filter((n) => map.hasLayer(layers[n])) }));
  legend.addTo(map);
  // The stages the caller's view holds: the public's (开工, 竣工) unless /api/me says more.
  const me = await account.catch(() => null);
  const stages = (me && me.sees && me.sees.stages) || PUBLIC_STAGES;
  legend.setStages(stages);

  // Inspections (一线督战) for the roles that may read them (as the server's SecurityConfig decides): their code
  // and words are fetched for them alone.
  const inspections = me && me.signedIn && INSPECTION_ROLES.some((r) => (me.roles || []).includes(r))
    ? import('./inspections-map.js').then((m) => m.showInspections({ map, layerControl, overlays })).catch(showError)
    : null;
  const [zones, projects] = await Promise.all([fetchJson('/api/zones?limit=10000'), fetchJson('/api/projects?limit=10000' + asOfQuery())]);
  overlays.setZones(zones.features);
  overlays.projectData = projects.features;
  const query = new ParcelQuery(map, overlays);
  const zonePanel = new ZonePanel((code) => { if (code) write({ sel: 'zones:' + code }); });
  const finder = new Finder(overlays, parcels, (layer, id, feature) => select(layer, id, feature), () => legend.update(), stages);
  whenTabOpens.measure = loadOnFirstUse(controls('measure-distance', 'measure-area', 'measure-clear'),
    () => import('./measure.js').then((m) => { new m.Measure(map); }));
  loadOnFirstUse(controls('query-redline-file'), () => import('./redline.js').then((m) => { new m.RedLineUpload(map, query); }));
  const identifyButton = identifyToggle();
  loadOnFirstUse([identifyButton], () => import('./identify.js')
    .then((m) => { new m.Identify(map, (layer, id) => select(layer, id), identifyButton); }));
  // Whether the caller may import, and into which layer, is known with /api/me.
  whenTabOpens.transfer = loadOnFirstUse(controls('export-run', 'import-run'), () => account
    .then((me) => import('./transfer.js').then((m) => { window.luqiao.transfer = new m.Transfer(me); })));
  [finder, query, zonePanel].forEach((c) => c.setZones(zones.features));
  finder.setValues(initial.filters);
  await finder.apply();
  window.luqiao.query = query;
  window.luqiao.finder = finder;
  showTimelines(map);
  dateControl(async () => {
    map.closePopup();
    try {
      overlays.projectData = (await fetchJson('/api/projects?limit=10000' + asOfQuery())).features;
      await finder.apply();
      document.body.dataset.projectsAsOf = document.body.dataset.asOf || 'now';
    } catch (error) {
      showError(error);
    }
  }).addTo(map);

  if (initial.centre && initial.zoom !== null) {
    map.setView(initial.centre, initial.zoom, { animate: false });
  } else {
    const district = overlays.zones.getLayers().find((l) => l.feature.properties.kind === 'district');
    map.fitBounds(district ? district.getBounds() : overlays.zones.getBounds(), { padding: [10, 10], animate: false });
  }
  map.on('moveend', () => {
    const c = map.getCenter();
    write({ c: c.lat.toFixed(5) + ',' + c.lng.toFixed(5), z: map.getZoom() });
  });
  map.on('popupopen', (e) => {
    const f = e.popup._source && e.popup._source.feature;
    if (f && f.id) write({ sel: (f.properties.stage ? 'projects' : 'zones') + ':' + f.id });
  });
  map.on('popupclose', () => write({ sel: null }));
  map.on('click', (e) => clickParcel(e.latlng));
  document.addEventListener('click', (e) => {
    const button = e.target.closest('.zone-stats');
    if (button) {
      openTab('zone');
      zonePanel.show(button.dataset.zone);
    }
  });
  onDatumChange(() => map.closePopup());
  // A popup restored from the address shows compliance lines, editing and the last inspection as before.
  await Promise.all([personalTools, inspections]);
  if (initial.selected) {
    const [layer, id] = initial.selected.split(':');
    await select(layer, id, null, true);
  }
  document.body.dataset.loaded = 'true';
}

/**
 * Fetches a tool's code at the first click (a file input: change) on one of its own controls: build()
 * imports and constructs the tool, which then listens to those controls itself, and the events caught
 * until then are dispatched again, so that first click still does its job. Returns a function that
 * starts loading before that (when the tool's tab opens).
 */
function loadOnFirstUse(elements, build) {
  const type = (element) => (element.type === 'file' ? 'change' : 'click');
  const caught = [];
  let loading = null;
  const load = () => {
    loading = loading || build().then(() => {
      elements.forEach((element) => element.removeEventListener(type(element), catchEvent, true));
      caught.splice(0).forEach((e) => e.target.dispatchEvent(new e.constructor(e.type, e)));
    }, (error) => {
      loading = null;
      caught.length = 0;
      showError(error);
    });
    return loading;
  };
  const catchEvent = (e) => {
    e.stopImmediatePropagation();
    caught.push(e);
    load();
  };
  elements.forEach((element) => element.addEventListener(type(element), catchEvent, true));
  return load;
}

function controls(...ids) {
  return ids.map((id) => document.getElementById(id));
}

function mapButton(className, text, title) {
  const button = L.DomUtil.create('button', className);
  button.type = 'button';
  button.textContent = text;
  button.title = title;
  return button;
}

/** element as a control at the map's top left, under the zoom buttons; clicks on it stay off the map. */
function onMap(element) {
  const control = L.control({ position: 'topleft' });
  control.onAdd = () => element;
  L.DomEvent.disableClickPropagation(element);
  control.addTo(map);
  return element;
}

/** The identify tool's on/off button (identify.js). */
function identifyToggle() {
  const bar = L.DomUtil.create('div', 'leaflet-bar identify-control');
  const button = bar.appendChild(mapButton('', 'i', t('identifyTool')));
  button.id = 'identify-toggle';
  button.setAttribute('aria-label', t('identifyTool'));
  button.setAttribute('aria-pressed', 'false');
  onMap(bar);
  return button;
}

/** Each offered basemap as a layer group carrying its id and datum; tile failures are reported once. */
function basemapLayers(config) {
  const out = {};
  config.basemaps.forEach((b) => {
    const group = L.layerGroup();
    let reported = false;
    b.layers.forEach((l) => {
      const tiles = L.tileLayer(l.url, { subdomains: l.subdomains || 'abc', maxZoom: 19, maxNativeZoom: l.maxZoom,
        attribution: l.attribution, crossOrigin: true });
      tiles.on('tileerror', () => {
        if (!reported) {
          reported = true;
          showMessage(t('basemapFailed'));
        }
      });
      group.addLayer(tiles);
    });
    group.basemapId = b.id;
    group.datum = b.datum;
    out[b.id] = group;
  });
  return out;
}

/** Flies to a feature and opens its popup; a missing one is reported in the page. */
async function select(layer, id, feature, restoring) {
  if (!restoring && window.innerWidth < 700) document.body.classList.add('panel-closed');
  if (layer !== 'parcels' && overlays.focus(layer, id, Boolean(restoring && initial.centre))) return;
  try {
    const f = feature || await fetchJson('/api/' + encodeURIComponent(layer) + '/' + encodeURIComponent(id));
    const shape = L.geoJSON(f, { coordsToLatLng });
    const bounds = shape.getBounds();
    if (!restoring) map.flyToBounds(bounds, { maxZoom: 17, duration: 0.6 });
    L.popup().setLatLng(bounds.getCenter()).setContent(popupHtml(layer, f, (c) => overlays.zoneName(c))).openOn(map);
    write({ sel: layer + ':' + id });
  } catch (error) {
    showMessage(t('notFound') + layer + ' ' + id + ' (' + error.message + ')', true);
  }
}

async function clickParcel(latlng) {
  if (toolActive(map) || !map.hasLayer(parcels)) return;
  const hit = parcels.featureAt(latlng);
  if (!hit) return;
  if (hit.overview) {
    L.popup().setLatLng(latlng).setContent(overviewPopupHtml(hit.overview)).openOn(map);
    return;
  }
  const id = hit.id;
  try {
    const f = await fetchJson('/api/parcels/' + encodeURIComponent(id));
    L.popup().setLatLng(latlng).setContent(popupHtml('parcels', f)).openOn(map);
    write({ sel: 'parcels:' + id });
  } catch (error) {
    showError(error);
  }
}

function openTab(name) {
  document.body.classList.remove('panel-closed');
  document.querySelectorAll('[role=tab]').forEach((tab) => {
    const on = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    document.getElementById('tab-' + tab.dataset.tab).hidden = !on;
  });
  if (whenTabOpens[name]) whenTabOpens[name]();
}

function setUpPanel() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => openTab(tab.dataset.tab));
    tab.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (step) {
        const next = tabs[(i + step + tabs.length) % tabs.length];
        openTab(next.dataset.tab);
        next.focus();
      }
    });
  });
  if (window.innerWidth < 700) document.body.classList.add('panel-closed');
  document.getElementById('panel-toggle').addEventListener('click', () => {
    document.body.classList.toggle('panel-closed');
    document.getElementById('panel-toggle').setAttribute('aria-expanded', String(!document.body.classList.contains('panel-closed')));
    setTimeout(() => map.invalidateSize(), 250);
  });
}

function setUpLanguage() {
  const button = document.getElementById('lang');
  button.textContent = t('other');
  button.addEventListener('click', () => {
    write({ lang: lang === 'en' ? null : 'en' });
    location.search = currentSearch();
  });
}
