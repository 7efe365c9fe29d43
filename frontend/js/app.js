// The Luqiao web map: wires the basemaps, layers, finder, parcel query, measuring, zone panel,
// address state and language together. Everything it loads comes from this server.
import { showAccount } from './account.js';
import { asOfQuery, dateControl, showTimelines } from './chain.js';
import { coordsToLatLng, onDatumChange, setDatum } from './datum.js';
import { Finder } from './find.js';
import { Identify } from './identify.js';
import { toGcj02, toWgs84 } from './gcj02.js';
import { lang, t, translateDraw, translatePage } from './i18n.js';
import { legendControl } from './legend.js';
import { Measure } from './measure.js';
import { Overlays } from './overlays.js';
import { ParcelLayer } from './parcels.js';
import { popupHtml } from './popups.js';
import { PUBLIC_STAGES } from './style.js';
import { ParcelQuery } from './query.js';
import { followDrawTools, toolActive } from './toolmode.js';
import { RedLineUpload } from './redline.js';
import { Transfer } from './transfer.js';
import { currentSearch, read, write } from './state.js';
import { fetchJson, showError, showMessage } from './util.js';
import { ZonePanel } from './zonepanel.js';

const OFFLINE_CONFIG = { defaultBasemap: 'none', basemaps: [{ id: 'none', datum: 'wgs84', layers: [] }] };
const LAYER_NAMES = ['zones', 'projects', 'parcels'];

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

setUpPanel();
setUpLanguage();
const account = showAccount();
const personalTools = account.then((me) => {
  parcels.useAudience(me.audience);
  // Compliance lines in popups only for a view that holds them (PublicPolicy: staff, or published).
  // Code for what only some visitors get (compliance lines, editing) is fetched only for them.
  const compliance = me.sees && me.sees.compliance && import('./compliance.js').then((m) => m.showComplianceInPopups(map));
  window.luqiao.transfer = new Transfer(me);
  return Promise.all([compliance, me.signedIn && import('./edit.js').then((m) => m.startEditing(map, me))]);
}).catch(showError);
start().catch((error) => {
  showError(error);
  document.body.dataset.loaded = 'error';
});

async function start() {
  const config = await fetchJson('/api/config').catch((error) => { showError(error); return OFFLINE_CONFIG; });
  const basemaps = basemapLayers(config);
  const chosen = basemaps[initial.basemap] ? initial.basemap : config.defaultBasemap;
  const names = {};
  config.basemaps.forEach((b) => { names[t('basemap.' + b.id)] = basemaps[b.id]; });
  const overlayNames = {};
  LAYER_NAMES.forEach((name) => { overlayNames[t(name)] = layers[name]; });
  L.control.layers(names, overlayNames, { collapsed: window.innerWidth < 700 }).addTo(map);
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

  const [zones, projects] = await Promise.all([fetchJson('/api/zones?limit=10000'), fetchJson('/api/projects?limit=10000' + asOfQuery())]);
  overlays.setZones(zones.features);
  overlays.projectData = projects.features;
  const query = new ParcelQuery(map, overlays);
  const zonePanel = new ZonePanel((code) => { if (code) write({ sel: 'zones:' + code }); });
  const finder = new Finder(overlays, parcels, (layer, id, feature) => select(layer, id, feature), () => legend.update(), stages);
  new Measure(map);
  new RedLineUpload(map, query);
  new Identify(map, (layer, id) => select(layer, id));
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
  await personalTools; // a popup restored from the address shows compliance lines and editing as before
  if (initial.selected) {
    const [layer, id] = initial.selected.split(':');
    await select(layer, id, null, true);
  }
  document.body.dataset.loaded = 'true';
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
  const id = parcels.parcelAt(latlng);
  if (!id) return;
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
