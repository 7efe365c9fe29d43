// The public investment map: parcels on offer (储备, 做地) from /api/invest/parcels, filtered by area
// range and land-use class, with the configured contact line. It never asks for more than the
// public sees: the endpoint answers the public view whoever is signed in.
import { coordsToLatLng } from './datum.js';
import { lang, t, translatePage, tv } from './i18n.js';
import { LANDUSE, STATUS_COLOURS } from './style.js';
import { escapeHtml, fetchJson, fmt, showError } from './util.js';

const params = new URLSearchParams(location.search);
if (params.get('embed') === '1') document.body.classList.add('embedded');
translatePage();
document.title = t('investTitle');
const map = L.map('map', { zoomSnap: 0.5, maxZoom: 19, minZoom: 8 });
L.control.scale({ imperial: false }).addTo(map);
const zones = L.featureGroup().addTo(map);
const parcels = L.featureGroup().addTo(map);
let contact = '';
window.luqiao = { map, invest: { count: () => parcels.getLayers().length } };

setUp();
start().catch((error) => {
  showError(error);
  document.body.dataset.loaded = 'error';
});

async function start() {
  const z = await fetchJson('/api/zones?limit=10000');
  z.features.filter((f) => f.properties.public !== false).forEach((f) => {
    const district = f.properties.kind === 'district';
    L.geoJSON(f, { coordsToLatLng, interactive: false,
      style: { color: district ? '#1f4e79' : '#d81b60', weight: district ? 2.5 : 1.5, dashArray: district ? '6 4' : null, fillOpacity: 0 } })
      .addTo(zones);
  });
  map.fitBounds(zones.getBounds(), { padding: [6, 6], animate: false });
  await load();
  document.body.dataset.loaded = 'true';
}

/** Reads the filter from the form into the address and the request, and draws what comes back. */
async function load() {
  const form = new FormData(document.getElementById('invest-filter'));
  const query = new URLSearchParams();
  ['min_mu', 'max_mu', 'landuse'].forEach((name) => { if (form.get(name)) query.set(name, form.get(name)); });
  const shown = new URLSearchParams(query);
  if (lang === 'en') shown.set('lang', 'en');
  if (params.get('embed') === '1') shown.set('embed', '1');
  history.replaceState(null, '', location.pathname + (shown.toString() ? '?' + shown : ''));
  document.getElementById('invest-csv').href = '/api/invest/parcels?' + new URLSearchParams([...query, ['format', 'csv']]);
  document.body.dataset.loaded = 'loading';
  const answer = await fetchJson('/api/invest/parcels?' + query);
  contact = answer.contact || '';
  document.getElementById('contact').textContent = contact;
  parcels.clearLayers();
  answer.features.forEach((f) => {
    L.geoJSON(f, { coordsToLatLng,
      style: { color: STATUS_COLOURS[f.properties.status], weight: 1, fillOpacity: 0.45, className: 'offer offer-' + f.id } })
      .bindPopup(() => popup(f)).addTo(parcels);
  });
  document.getElementById('invest-count').textContent = t('parcelCount', { n: answer.numberReturned, mu: fmt(answer.area_mu, 1) });
  list(answer.features);
  document.body.dataset.loaded = 'true';
}

function popup(f) {
  const p = f.properties;
  const row = (label, value) => '<dt>' + escapeHtml(t(label)) + '</dt><dd>' + escapeHtml(value) + '</dd>';
  return '<div class="popup"><strong>' + escapeHtml(f.id) + '</strong><dl>' + row('status', tv(p.status))
    + row('landuse_name', p.landuse_code + ' ' + p.landuse_name) + row('area', fmt(p.area_mu, 1) + ' ' + t('mu') + ' / ' + fmt(p.area_ha, 2) + ' ' + t('ha'))
    + row('zoneName', p.zone ? (lang === 'en' ? p.zone_name_en : p.zone_name_zh) : t('outsideZones')) + row('town', tv(p.town))
    + row('contact', contact) + '</dl></div>';
}

/** The largest parcels on offer (the answer is largest first), each a link to its place on the map. */
function list(features) {
  const rows = features.slice(0, 30).map((f) => '<tr data-parcel="' + escapeHtml(f.id) + '"><td class="text">' + escapeHtml(f.id)
    + '</td><td class="text">' + escapeHtml(tv(f.properties.landuse_l1_name)) + '</td><td>' + fmt(f.properties.area_mu, 1) + '</td></tr>').join('');
  document.getElementById('invest-list').innerHTML = '<caption>' + escapeHtml(t('largest')) + '</caption><thead><tr><th class="text">'
    + escapeHtml(t('parcel_no')) + '</th><th class="text">' + escapeHtml(t('landuse')) + '</th><th>' + escapeHtml(t('mu'))
    + '</th></tr></thead><tbody>' + rows + '</tbody>';
}

function setUp() {
  document.getElementById('status-legend').innerHTML = ['储备', '做地'].map((s) => '<li><i class="swatch fill" style="--c:'
    + STATUS_COLOURS[s] + '"></i>' + escapeHtml(tv(s)) + '</li>').join('');
  const select = document.getElementById('invest-landuse');
  select.innerHTML = '<option value="">' + escapeHtml(t('allLanduse')) + '</option>'
    + LANDUSE.map(([code, name]) => '<option value="' + code + '">' + code + ' ' + escapeHtml(tv(name)) + '</option>').join('');
  ['min_mu', 'max_mu', 'landuse'].forEach((name) => {
    const el = document.querySelector('[name="' + name + '"]');
    if (params.get(name)) el.value = params.get(name);
  });
  document.getElementById('invest-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    load().catch(showError);
  });
  document.getElementById('invest-clear').addEventListener('click', () => {
    document.getElementById('invest-filter').reset();
    load().catch(showError);
  });
  document.getElementById('invest-list').addEventListener('click', (e) => {
    const row = e.target.closest('tr[data-parcel]');
    const layer = row && parcels.getLayers().find((l) => l.getLayers()[0].feature.id === row.dataset.parcel);
    if (layer) {
      map.fitBounds(layer.getBounds(), { maxZoom: 16 });
      layer.openPopup();
    }
  });
  document.getElementById('lang').textContent = t('other');
  document.getElementById('lang').addEventListener('click', () => {
    const p = new URLSearchParams(location.search);
    if (lang === 'en') p.delete('lang'); else p.set('lang', 'en');
    location.search = p.toString();
  });
}
