// The embeddable map (/embed): the web map's layers, read-only and always the public view.
// Every request is sent without cookies, so a signed-in visitor still sees exactly what the public
// sees; the server applies the same rule to anyone who calls the APIs anonymously.
import { setDatum } from './datum.js';
import { lang, t } from './i18n.js';
import { legendControl } from './legend.js';
import { Overlays } from './overlays.js';
import { ParcelLayer } from './parcels.js';
import { fetchJson, showMessage } from './util.js';

const nativeFetch = window.fetch.bind(window);
window.fetch = (url, options) => nativeFetch(url, { ...(options || {}), credentials: 'omit' });

const LAYER_NAMES = ['zones', 'projects', 'parcels'];
const params = new URLSearchParams(location.search);
const wanted = (params.get('layers') || 'zones,projects').split(',').filter((n) => LAYER_NAMES.includes(n));
const map = L.map('map', { zoomSnap: 0.5, maxZoom: 19, minZoom: 8 });
L.control.scale({ imperial: false }).addTo(map);
const overlays = new Overlays(map);
const parcels = new ParcelLayer();
const layers = { zones: overlays.zones, projects: overlays.projects, parcels };
document.documentElement.lang = lang;
window.luqiao = { map, overlays, parcels };

start().catch((error) => {
  showMessage(t('failed') + (error && error.message ? error.message : error), true);
  document.body.dataset.loaded = 'error';
});

async function start() {
  const config = await fetchJson('/api/config').catch(() => ({ defaultBasemap: 'none', basemaps: [{ id: 'none', datum: 'wgs84', layers: [] }] }));
  const basemap = config.basemaps.find((b) => b.id === params.get('basemap'))
    || config.basemaps.find((b) => b.id === config.defaultBasemap) || config.basemaps[0];
  setDatum(basemap.datum);
  basemap.layers.forEach((l) => L.tileLayer(l.url, { subdomains: l.subdomains || 'abc', maxZoom: 19,
    maxNativeZoom: l.maxZoom, attribution: l.attribution, crossOrigin: true }).addTo(map));
  const [zones, projects] = await Promise.all([fetchJson('/api/zones?limit=10000'), fetchJson('/api/projects?limit=10000')]);
  overlays.setZones(zones.features);
  overlays.setProjects(projects.features, projects.features);
  wanted.forEach((n) => layers[n].addTo(map));
  if (params.get('legend') !== '0') {
    legendControl(map, layers).addTo(map);
  }
  map.attributionControl.addAttribution('<a class="embed-credit" target="_blank" rel="noopener" href="/">路桥区城乡建设项目地图</a>');
  focus(zones.features);
  document.body.dataset.loaded = 'true';
}

/** The view: a zone (by code), else a bbox, else the district. */
function focus(zones) {
  const zone = zones.find((f) => f.id === params.get('zone'));
  const box = (params.get('bbox') || '').split(',').map(Number);
  if (zone) {
    map.fitBounds(L.geoJSON(zone).getBounds(), { animate: false });
  } else if (box.length === 4 && box.every(Number.isFinite)) {
    map.fitBounds([[box[1], box[0]], [box[3], box[2]]], { animate: false });
  } else {
    const district = zones.find((f) => f.properties.kind === 'district');
    map.fitBounds((district ? L.geoJSON(district) : overlays.zones).getBounds(), { animate: false });
  }
}
