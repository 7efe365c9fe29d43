// The compliance overlay in the browser: the table of conflicts per project (dashboard), the map
// layer of conflicting parts, and the lines a project's popup adds for its own conflicts.
import { coordsToLatLng } from './datum.js';
import { featureName, t, tv } from './i18n.js';
import { escapeHtml, fmt } from './util.js';

/** The conflicting parts (GeoJSON of /api/compliance/areas) in red, farmland hatched darker. */
export function complianceLayer(areas) {
  return L.geoJSON(areas, {
    coordsToLatLng,
    style: (f) => ({ color: f.properties.farmland_protected ? '#b71c1c' : '#e53935', weight: 2, fillOpacity: 0.35,
      fillColor: f.properties.farmland_protected ? '#b71c1c' : '#ff7043', className: 'conflict' }),
    pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 6 }),
    onEachFeature: (f, layer) => layer.bindPopup(() => '<div class="popup"><strong>' + escapeHtml(featureName(f.properties)) + '</strong><dl>'
      + '<dt>' + escapeHtml(t('parcel_no')) + '</dt><dd>' + escapeHtml(f.properties.parcel_no) + '</dd>'
      + '<dt>' + escapeHtml(t('landuse_name')) + '</dt><dd>' + escapeHtml(f.properties.landuse_code + ' ' + tv(f.properties.landuse_name)) + '</dd>'
      + '<dt>' + escapeHtml(t('farmland_protected')) + '</dt><dd>' + escapeHtml(t(f.properties.farmland_protected ? 'yes' : 'no')) + '</dd>'
      + '<dt>' + escapeHtml(t('area')) + '</dt><dd>' + fmt(f.properties.area_mu, 2) + ' ' + escapeHtml(t('mu')) + '</dd></dl></div>')
  });
}

/** The projects with conflicts, as a table (rows carry data-project). */
export function complianceTable(compliance) {
  const rows = compliance.projects.filter((p) => p.conflicts.length > 0);
  if (rows.length === 0) {
    return '<p class="note">' + escapeHtml(t('noConflicts')) + '</p>';
  }
  const crossing = (p) => p.conflicts.reduce((s, c) => s + Number(c.crossing_m), 0);
  return '<table class="compliance"><thead><tr><th class="text">' + escapeHtml(t('projects')) + '</th><th class="text">'
    + escapeHtml(t('category')) + '</th><th>' + escapeHtml(t('count')) + '</th><th>' + escapeHtml(t('farmlandMu')) + '</th><th>'
    + escapeHtml(t('landuseMu')) + '</th><th>' + escapeHtml(t('crossingM')) + '</th></tr></thead><tbody>'
    + rows.map((p) => '<tr data-project="' + escapeHtml(p.id) + '"><td class="text">' + escapeHtml(featureName(p)) + '</td><td class="text">'
      + escapeHtml(tv(p.category)) + '</td><td>' + p.conflicts.length + '</td><td>' + fmt(p.farmland_mu, 2) + '</td><td>'
      + fmt(p.landuse_mu, 2) + '</td><td>' + fmt(crossing(p), 0) + '</td></tr>').join('')
    + '</tbody></table>';
}

/** The lines of a project popup about its conflicts (empty when it has none). */
export function compliancePopupHtml(c) {
  if (!c || c.conflicts.length === 0) {
    return '<p class="compliance-note">' + escapeHtml(t('conflictsOf')) + ': ' + escapeHtml(t('noConflicts')) + '</p>';
  }
  return '<div class="compliance-note"><strong>' + escapeHtml(t('conflictsOf')) + '</strong><dl>'
    + '<dt>' + escapeHtml(t('farmlandMu')) + '</dt><dd>' + fmt(c.farmland_mu, 2) + '</dd>'
    + '<dt>' + escapeHtml(t('landuseMu')) + '</dt><dd>' + fmt(c.landuse_mu, 2) + '</dd>'
    + '<dt>' + escapeHtml(t('parcels')) + '</dt><dd>' + c.conflicts.slice(0, 5).map((x) => escapeHtml(x.parcel_no)).join(', ')
    + (c.conflicts.length > 5 ? ' …' : '') + '</dd></dl></div>';
}

/** Adds a project's conflicts (from /api/compliance/{id}) to its popup when it opens. */
export function showComplianceInPopups(map) {
  map.on('popupopen', async (e) => {
    const source = e.popup._source;
    const f = source && source.feature;
    if (!f || !f.id || !f.properties.stage) {
      return;
    }
    try {
      const r = await fetch('/api/compliance/' + encodeURIComponent(f.id), { headers: { Accept: 'application/json' } });
      if (!r.ok || !e.popup.isOpen()) {
        return;
      }
      const box = e.popup.getElement() && e.popup.getElement().querySelector('.popup');
      if (box && !box.querySelector('.compliance-note')) {
        box.insertAdjacentHTML('beforeend', compliancePopupHtml(await r.json()));
        // As fixed content (update() would re-run the layer's content function and drop the lines), and as
        // the live element, not its HTML: a copy would lose what other parts attached to the popup, such as
        // the chain's move form and the edit button, whichever of their answers came first.
        e.popup.setContent(box);
      }
    } catch (ignored) {
      // the popup stays as it is without the compliance lines
    }
  });
}
