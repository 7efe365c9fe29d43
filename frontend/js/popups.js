// Popups listing every field the caller may see, translated and escaped: the parcel owner only reaches
// signed-in land staff (the server leaves it out for everyone else).
import { t, tv, featureName } from './i18n.js';
import { escapeHtml, fmt } from './util.js';

const FIELDS = {
  zones: [['code', 'id'], ['kind', 'kind', (v) => t('kind.' + v)]],
  projects: [['code', 'id'], ['stage', 'stage', tv], ['category', 'category', tv], ['investment', 'investment_wan', (v) => fmt(v, 0)],
    ['unit', 'responsible_unit'], ['zone', 'zone'], ['planned_start', 'planned_start'], ['planned_finish', 'planned_finish'],
    ['actual_start', 'actual_start'], ['actual_finish', 'actual_finish']],
  parcels: [['parcel_no', 'id'], ['landuse_l1_name', 'landuse_l1_name', tv], ['landuse_code', 'landuse_code'],
    ['landuse_name', 'landuse_name'], ['status', 'status', tv], ['renovation', 'renovation', tv],
    ['farmland_protected', 'farmland_protected', (v) => t(v ? 'yes' : 'no')], ['town', 'town'], ['owner', 'owner']]
};

/** The popup HTML of a GeoJSON feature of a layer; zoneName turns a zone code into its name. */
export function popupHtml(layer, feature, zoneName) {
  const p = { ...feature.properties, id: feature.id };
  if (p.zone && zoneName) {
    p.zone = zoneName(p.zone);
  }
  const title = layer === 'parcels' ? p.id : featureName(p);
  let html = '<div class="popup" data-layer="' + escapeHtml(layer) + '" data-id="' + escapeHtml(p.id) + '"><strong>' + escapeHtml(title) + '</strong><dl>';
  FIELDS[layer].forEach(([label, key, show]) => {
    if (p[key] !== null && p[key] !== undefined && p[key] !== '') {
      html += '<dt>' + escapeHtml(t(label)) + '</dt><dd>' + escapeHtml(show ? show(p[key]) : p[key]) + '</dd>';
    }
  });
  if (p.length_m > 0) {
    html += '<dt>' + escapeHtml(t('length')) + '</dt><dd>' + fmt(p.length_m / 1000, 2) + ' ' + t('km') + '</dd>';
  }
  if (p.area_m2 > 0) {
    html += '<dt>' + escapeHtml(t('area')) + '</dt><dd>' + fmt(p.area_mu, 1) + ' ' + t('mu') + ' / '
      + fmt(p.area_ha, 2) + ' ' + t('ha') + '</dd>';
  }
  html += '</dl>';
  if (layer === 'projects') {
    // Filled with the project's timeline when the popup opens (chain.js).
    html += '<div class="chain" data-project="' + escapeHtml(p.id) + '"></div>';
  }
  if (layer === 'zones' && p.kind !== 'district') {
    html += '<button type="button" class="zone-stats" data-zone="' + escapeHtml(p.id) + '">' + escapeHtml(t('statistics')) + '</button>';
  }
  return html + '</div>';
}

/**
 * The popup of an overview feature (the parcels of one land-use class and status in one overview cell, drawn as
 * one shape at low zooms): the class, the status, how many parcels and their area.
 */
export function overviewPopupHtml(p) {
  return '<div class="popup" data-layer="parcels" data-overview="true"><strong>' + escapeHtml(tv(p.landuse_l1_name || p.landuse_l1_code || '')) + '</strong><dl>'
    + '<dt>' + escapeHtml(t('status')) + '</dt><dd>' + escapeHtml(tv(p.status || '')) + '</dd>'
    + '<dt>' + escapeHtml(t('overviewParcels')) + '</dt><dd>' + fmt(p.feature_count, 0) + '</dd>'
    + '<dt>' + escapeHtml(t('area')) + '</dt><dd>' + fmt(p.area_mu, 1) + ' ' + t('mu') + ' / ' + fmt(p.area_m2, 0) + ' m²</dd>'
    + '</dl><p class="hint">' + escapeHtml(t('overviewHint')) + '</p></div>';
}
