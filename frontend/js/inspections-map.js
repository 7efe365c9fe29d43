// The inspections on the main map, for signed-in staff only (app.js loads this module for them alone, so
// the public's first load carries none of it): a layer of visit points coloured by how recent they are,
// a layer marking each project by its problems (none / open / overdue), a link to the inspection form,
// and in each project's popup the last visit (with its thumbnail) and the open and overdue problems.
import './inspect-texts.js'; // registers the words used here
import { coordsToLatLng, onDatumChange } from './datum.js';
import { featureName, lang, t, tv } from './i18n.js';
import { escapeHtml, fetchJson, showError } from './util.js';

/** Visit recency classes: at most 7 days, at most 30 days, older. */
export const RECENCY = [
  { max: 7, colour: '#2e7d32', label: 'recency7' },
  { max: 30, colour: '#f9a825', label: 'recency30' },
  { max: Infinity, colour: '#78909c', label: 'recencyOlder' }
];
const PROBLEM_COLOURS = { none: '#90a4ae', open: '#fb8c00', overdue: '#d50000' };

/**
 * Adds the layers to the map's layer menu (inspections shown at once, problems on request), the page
 * link, and the popup lines. overlays holds the projects as drawn (their geometry places the problem marks).
 */
export async function showInspections({ map, layerControl, overlays }) {
  addStylesheet();
  addPageLink();
  const visits = L.featureGroup();
  const problems = L.featureGroup();
  let visitData = [];
  const drawVisits = () => {
    visits.clearLayers();
    visitData.forEach((f) => visitMarker(f).addTo(visits));
  };
  const drawProblems = async () => {
    problems.clearLayers();
    const counts = await problemCounts();
    overlays.projectData.forEach((f) => problemMarker(f, counts.get(f.id)).addTo(problems));
    document.body.dataset.problemsLayer = String(problems.getLayers().length);
  };
  layerControl.addOverlay(visits, t('inspectionsLayer') + swatches(RECENCY.map((r) => [r.colour, t(r.label)])));
  layerControl.addOverlay(problems, t('problemsLayer')
    + swatches(['none', 'open', 'overdue'].map((k) => [PROBLEM_COLOURS[k], t('problems' + k[0].toUpperCase() + k.slice(1))])));
  problems.on('add', () => drawProblems().catch(showError));
  onDatumChange(() => {
    drawVisits();
    if (map.hasLayer(problems)) drawProblems().catch(showError);
  });
  map.on('popupopen', (e) => addSummary(e.popup));
  window.luqiao.inspections = { visits, problems, reload: load };
  visits.addTo(map);
  await load();

  async function load() {
    visitData = (await fetchJson('/api/inspections.geojson')).features;
    drawVisits();
    document.body.dataset.inspections = String(visitData.length);
  }
}

function addStylesheet() {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('../inspections.css', import.meta.url).href;
  document.head.appendChild(link);
}

/** The header's link to the inspection form, beside the dashboard's. */
function addPageLink() {
  const dashboard = document.querySelector('header a[href="/dashboard"]');
  if (!dashboard || document.getElementById('inspect-link')) return;
  const a = document.createElement('a');
  a.id = 'inspect-link';
  a.className = 'page-link';
  a.href = '/inspect' + (lang === 'en' ? '?lang=en' : '');
  a.textContent = t('inspectPage');
  dashboard.after(a);
}

function swatches(pairs) {
  return ' <span class="recency-key">' + pairs.map(([colour, label]) => '<span class="swatch round" style="--c:' + colour
    + '"></span>' + escapeHtml(label)).join(' ') + '</span>';
}

export function recencyOf(days) {
  return RECENCY.find((r) => days <= r.max);
}

function visitMarker(f) {
  const p = f.properties;
  const days = p.daysSince ?? Math.floor((Date.now() - Date.parse(p.visitedAt)) / 86400000);
  const marker = L.circleMarker(coordsToLatLng(f.geometry.coordinates), {
    radius: 7, color: '#fff', weight: 2, fillColor: recencyOf(days).colour, fillOpacity: 0.95, className: 'inspection-point'
  });
  marker.bindPopup(() => visitPopupHtml(f, days), { maxWidth: 280 });
  marker.feature = f;
  return marker;
}

function when(iso) {
  return new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
}

function ago(days) {
  return days <= 0 ? t('today') : t('daysAgo', { n: days });
}

function visitPopupHtml(f, days) {
  const p = f.properties;
  const inspector = p.inspector || p.inspectedBy || p.createdBy;
  const thumb = p.thumbnailUrl || (p.photos && p.photos[0] && p.photos[0].thumbnailUrl);
  return '<div class="inspection-popup" data-visit="' + escapeHtml(f.id ?? p.id) + '">'
    + '<strong>' + escapeHtml(p.projectName || p.projectId) + '</strong>'
    + (thumb ? '<img class="visit-thumb" alt="" src="' + escapeHtml(thumb) + '">' : '')
    + '<dl><dt>' + escapeHtml(t('visitedAt')) + '</dt><dd><time datetime="' + escapeHtml(p.visitedAt) + '">'
    + escapeHtml(when(p.visitedAt)) + '</time> · ' + escapeHtml(ago(days)) + '</dd>'
    + (inspector ? '<dt>' + escapeHtml(t('inspector')) + '</dt><dd>' + escapeHtml(inspector) + '</dd>' : '')
    + progressLines(p) + '</dl></div>';
}

function progressLines(v) {
  if (v.progressPercent == null && !v.progressText) return '';
  return '<dt>' + escapeHtml(t('progress')) + '</dt><dd>' + (v.progressPercent == null ? '' : '<b>' + escapeHtml(v.progressPercent) + '%</b> ')
    + escapeHtml(v.progressText || '') + '</dd>';
}

/** Open and overdue problems per project id, from the problem list. */
async function problemCounts() {
  const answer = await fetchJson('/api/problems');
  const list = Array.isArray(answer) ? answer : answer.problems || answer.items || [];
  const today = new Date().toISOString().slice(0, 10);
  const counts = new Map();
  list.filter((p) => p.status !== '已销号').forEach((p) => {
    const c = counts.get(p.projectId) || { open: 0, overdue: 0 };
    c.open += 1;
    if (p.overdue ?? (p.dueDate && p.dueDate < today)) c.overdue += 1;
    counts.set(p.projectId, c);
  });
  return counts;
}

/** A ring around the project's place, in the colour of its worst problem state. */
function problemMarker(f, counts) {
  const state = !counts ? 'none' : counts.overdue > 0 ? 'overdue' : 'open';
  const centre = f.geometry.type === 'Point' ? coordsToLatLng(f.geometry.coordinates)
    : L.geoJSON(f, { coordsToLatLng }).getBounds().getCenter();
  const ring = L.circleMarker(centre, {
    radius: state === 'none' ? 9 : 13, color: PROBLEM_COLOURS[state], weight: state === 'none' ? 2 : 4, fill: false,
    className: 'problem-ring problem-' + state
  });
  ring.feature = f;
  const title = featureName(f.properties) || f.id;
  ring.bindTooltip(escapeHtml(title) + ' · ' + escapeHtml(state === 'none' ? t('problemsNone')
    : t('openProblems') + ' ' + counts.open + (counts.overdue ? ' · ' + t('overdueProblems', { n: counts.overdue }) : '')));
  return ring;
}

/** Puts the project's last visit and problem counts into its popup, above the chain (chain.js). */
function addSummary(popup) {
  const element = popup.getElement();
  const box = element && element.querySelector('.popup[data-layer=projects]');
  if (!box || box.querySelector('.inspection-summary')) return;
  const summary = document.createElement('div');
  summary.className = 'inspection-summary';
  summary.textContent = t('loading');
  const chain = box.querySelector('.chain');
  box.insertBefore(summary, chain);
  fetchJson('/api/projects/' + encodeURIComponent(box.dataset.id) + '/inspection-summary').then((s) => {
    summary.innerHTML = summaryHtml(s);
    summary.dataset.loaded = 'true';
  }, (error) => {
    summary.textContent = t('summaryFailed') + error.message;
    summary.dataset.loaded = 'error';
  }).then(() => {
    // As fixed content, the live element (as chain.js and compliance.js do): update() would re-run a layer's
    // content function and drop what each part added. Setting it again also fits the popup around it.
    const fit = () => { if (popup.isOpen()) popup.setContent(box); };
    summary.querySelectorAll('img').forEach((img) => img.addEventListener('load', fit));
    fit();
  });
}

function summaryHtml(s) {
  const v = s.lastVisit;
  let html = '<h4>' + escapeHtml(t('lastVisit')) + '</h4>';
  if (!v) {
    html += '<p class="hint">' + escapeHtml(t('noVisit')) + '</p>';
  } else {
    const days = v.daysSince ?? Math.floor((Date.now() - Date.parse(v.visitedAt)) / 86400000);
    const thumb = v.thumbnailUrl || (v.photos && v.photos[0] && v.photos[0].thumbnailUrl);
    const inspector = v.inspector || v.inspectedBy || v.createdBy;
    html += '<div class="last-visit">' + (thumb ? '<img class="visit-thumb" alt="" src="' + escapeHtml(thumb) + '">' : '')
      + '<div><time datetime="' + escapeHtml(v.visitedAt) + '">' + escapeHtml(when(v.visitedAt)) + '</time>'
      + ' <span class="recency" style="--c:' + recencyOf(days).colour + '">' + escapeHtml(ago(days)) + '</span>'
      + (inspector ? '<br>' + escapeHtml(t('inspector')) + ' ' + escapeHtml(inspector) : '')
      + (v.progressPercent == null ? '' : '<br>' + escapeHtml(t('progress')) + ' <b>' + escapeHtml(v.progressPercent) + '%</b>')
      + (v.progressText ? '<br><span class="progress-text">' + escapeHtml(v.progressText) + '</span>' : '') + '</div></div>';
  }
  // openProblems: the open problems themselves (most urgent first), or just their number.
  const list = Array.isArray(s.openProblems) ? s.openProblems : [];
  const open = Array.isArray(s.openProblems) ? list.length : s.openProblems ?? 0;
  const overdue = s.overdueProblems ?? list.filter((p) => p.overdue).length;
  html += '<p class="problem-counts' + (overdue ? ' has-overdue' : '') + '">' + escapeHtml(t('openProblems')) + ' <b class="open-count">'
    + escapeHtml(open) + '</b>' + (overdue ? ' <span class="overdue-count">' + escapeHtml(t('overdueProblems', { n: overdue })) + '</span>' : '')
    + '</p>';
  if (list.length) {
    html += '<ul class="open-problems">' + list.slice(0, 5).map((p) => '<li class="' + (p.overdue ? 'overdue' : '') + '">'
      + '<b>' + escapeHtml(tv(p.category)) + '</b> ' + escapeHtml(p.description) + ' <span class="due">' + escapeHtml(p.department)
      + ' · ' + escapeHtml(p.overdue ? t('overdueDays', { n: p.daysOverdue }) : t('dueDate') + ' ' + p.dueDate) + '</span></li>').join('')
      + (list.length > 5 ? '<li>…</li>' : '') + '</ul>';
  }
  return html;
}
