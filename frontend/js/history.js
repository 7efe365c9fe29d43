// The version history of one feature, for its editors: who changed what and when, each change as
// the fields it changed ("field: old → new") and, for a geometry, the change of its area or length
// rather than coordinates; and a restore button per version (restoring writes a new version equal to
// the chosen one).
import { t, tv } from './i18n.js';
import { escapeHtml, fetchJson, fmt } from './util.js';

/** Fields that follow from others (the land-use names from the code, measures from the geometry): not listed. */
const DERIVED = new Set(['landuse_name', 'landuse_l1_code', 'landuse_l1_name', 'area_m2', 'area_mu', 'area_ha', 'length_m']);
const M2_PER_MU = 10000 / 15;

/** Lists the versions of layer/id in the element; onRestore(version) is called when one is chosen. */
export async function showHistory(element, layer, id, onRestore) {
  element.textContent = t('loading');
  const history = await fetchJson('/api/' + encodeURIComponent(layer) + '/' + encodeURIComponent(id) + '/history');
  if (!history.versions.length) {
    element.innerHTML = '<p class="hint">' + escapeHtml(t('historyEmpty')) + '</p>';
    return;
  }
  const rows = [...history.versions].reverse().map((v) => '<li data-version="' + v.version + '"><span class="history-what">v'
    + v.version + ' · ' + escapeHtml(t('action.' + v.action)) + '</span><span class="history-who">' + escapeHtml(v.actor || '')
    + ' · ' + escapeHtml(new Date(v.changed_at).toLocaleString()) + '</span>'
    + (v.version < history.version && v.after && !v.after.deleted_at
      ? '<button type="button" class="history-restore" data-version="' + v.version + '">' + escapeHtml(t('restore')) + '</button>' : '')
    + changeList(v.before, v.after) + '</li>');
  element.innerHTML = '<h3>' + escapeHtml(t('history')) + '</h3><ol class="history">' + rows.join('') + '</ol>';
  element.querySelectorAll('.history-restore').forEach((b) => b.addEventListener('click', () => onRestore(Number(b.dataset.version))));
}

/** What a version changed, one line per field and one for the geometry; empty for a first version or a (un)delete. */
function changeList(before, after) {
  if (!before || !after) return '';
  const a = before.properties || {};
  const b = after.properties || {};
  const lines = [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((name) => !DERIVED.has(name) && !same(a[name], b[name]))
    .map((name) => '<li class="history-field"><span class="history-label">' + escapeHtml(t(name)) + ':</span> '
      + escapeHtml(value(name, a)) + ' → ' + escapeHtml(value(name, b)) + '</li>');
  if (JSON.stringify(before.geometry) !== JSON.stringify(after.geometry)) {
    lines.push('<li class="history-geometry">' + escapeHtml(geometryChange(a, b)) + '</li>');
  }
  return lines.length ? '<ul class="history-diff">' + lines.join('') + '</ul>' : '';
}

/** Null and empty text are the same blank. */
function same(x, y) {
  return (x ?? '') === (y ?? '');
}

/** A field's value as the popup shows it: domain values translated, a land-use code with its name. */
function value(name, properties) {
  const v = properties[name];
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return t(v ? 'yes' : 'no');
  if (name === 'landuse_code') return v + (properties.landuse_name ? ' ' + tv(properties.landuse_name) : '');
  return tv(String(v));
}

/** "geometry changed, Δ area +123.4 m² (+0.19 mu)"; by length for a line, plain for a point. */
function geometryChange(a, b) {
  const signed = (n, digits) => (n > 0 ? '+' : n < 0 ? '−' : '±') + fmt(Math.abs(n), digits);
  if (a.area_m2 > 0 || b.area_m2 > 0) {
    const d = Number(b.area_m2 || 0) - Number(a.area_m2 || 0);
    return t('geometryArea', { m2: signed(d, 1), mu: signed(d / M2_PER_MU, 2) });
  }
  if (a.length_m > 0 || b.length_m > 0) {
    return t('geometryLength', { m: signed(Number(b.length_m || 0) - Number(a.length_m || 0), 1) });
  }
  return t('geometryMoved');
}
