// The dashboard page: the figures of /api/dashboard as charts beside a map of the projects. A click
// on a project bar (stage, category, zone, town) shows only those projects on the map; every panel
// links its CSV export; the overdue panel lists the project chain's /api/projects/overdue.
import { showAccount } from './account.js';
import { barChart, resizeCharts } from './charts.js';
import { complianceLayer, complianceTable, showComplianceInPopups } from './compliance.js';
import { featureName, lang, t, translatePage, tv } from './i18n.js';
import { Overlays } from './overlays.js';
import { CATEGORIES, STAGE_COLOURS, STATUS_COLOURS, STATUSES } from './style.js';
import { escapeHtml, fetchJson, fmt, showError } from './util.js';

const RENOVATION_COLOURS = { '改造提升': '#1e88e5', '盘活置换': '#fb8c00', '倒逼腾退': '#e53935' };
const CATEGORY_COLOURS = { '产业转型': '#5c6bc0', '城市提能': '#26a69a', '民生优享': '#ef5350', '绿色生态': '#66bb6a' };

translatePage();
document.title = t('dashboardTitle');
const map = L.map('map', { zoomSnap: 0.5, maxZoom: 19, minZoom: 8 });
L.control.scale({ imperial: false }).addTo(map);
const overlays = new Overlays(map);
overlays.zones.addTo(map);
overlays.projects.addTo(map);
let filter = null;
/** The page's date (?asOf=YYYY-MM-DD): project figures, the map and the overdue list as they stood then. */
const asOf = new URLSearchParams(location.search).get('asOf');
const withAsOf = (url) => (asOf ? url + (url.includes('?') ? '&' : '?') + 'asOf=' + encodeURIComponent(asOf) : url);
window.luqiao = { map, overlays, filter: () => filter };

setUpHeader();
const account = showAccount();
account.catch(showError);
start().catch((error) => {
  showError(error);
  document.body.dataset.loaded = 'error';
});

function setUpDate() {
  const input = document.getElementById('asof');
  input.max = new Date().toISOString().slice(0, 10);
  input.value = asOf ?? '';
  input.addEventListener('change', () => {
    const params = new URLSearchParams(location.search);
    if (input.value) params.set('asOf', input.value); else params.delete('asOf');
    location.search = params.toString();
  });
  if (asOf) {
    // Printed pages say which date they show.
    document.title = t('dashboardTitle') + ' · ' + t('asOfShown').replace('{date}', asOf);
    document.querySelector('header h1').textContent = document.title;
  }
}

async function start() {
  setUpDate();
  const [dashboard, zones, projects] = await Promise.all([fetchJson(withAsOf('/api/dashboard')), fetchJson('/api/zones?limit=10000'),
    fetchJson(withAsOf('/api/projects?limit=10000'))]);
  overlays.setZones(zones.features);
  // Projects carry no town: the dashboard gives each its town, as the town figure counts them.
  projects.features.forEach((f) => { f.properties.town = dashboard.project_towns[f.id] ?? null; });
  overlays.setProjects(projects.features, projects.features);
  const district = overlays.zones.getLayers().find((l) => l.feature.properties.kind === 'district');
  const fit = () => map.fitBounds(district ? district.getBounds() : overlays.zones.getBounds(), { padding: [6, 6], animate: false });
  fit();
  const figures = dashboard.figures;
  kpis(figures.project_targets.rows, dashboard.plan_year);
  drawCharts(figures, zones.features);
  document.querySelectorAll('.panel[data-figure]').forEach((panel) => addCsvLink(panel, withAsOf('/api/dashboard/' + panel.dataset.figure + '?format=csv')));
  document.getElementById('xlsx').href = withAsOf('/api/dashboard?format=xlsx');
  // The compliance and overdue panels only for a view that holds them (PublicPolicy: staff, or published).
  const shows = dashboard.shows || {};
  const layerMenu = { [t('projects')]: overlays.projects, [t('zones')]: overlays.zones };
  if (shows.compliance) {
    addCsvLink(document.getElementById('compliance-panel'), '/api/compliance?format=csv');
    const [compliance, areas] = await Promise.all([fetchJson('/api/compliance'), fetchJson('/api/compliance/areas')]);
    document.getElementById('compliance').innerHTML = complianceTable(compliance);
    document.getElementById('compliance').addEventListener('click', (e) => {
      const row = e.target.closest('tr[data-project]');
      if (row) overlays.focus('projects', row.dataset.project);
    });
    layerMenu[t('complianceLayer')] = complianceLayer(areas).addTo(map);
    showComplianceInPopups(map);
  } else {
    document.getElementById('compliance-panel').remove();
  }
  L.control.layers(null, layerMenu, { collapsed: false }).addTo(map);
  if (shows.overdue) {
    addCsvLink(document.getElementById('overdue-panel'), withAsOf('/api/projects/overdue?format=csv'));
    await overdue();
  } else {
    document.getElementById('overdue-panel').remove();
  }
  // The problem list's figures (一线督战) for the roles that read them (SecurityConfig): their code is fetched for
  // them alone.
  const me = await account.catch(() => null);
  if (me && me.signedIn && ['INSPECTOR', 'PLANNER', 'ADMIN'].some((r) => (me.roles || []).includes(r))) {
    await import('./dashboard-problems.js').then((m) => m.showProblemPanels({
      withAsOf, focus: (id) => overlays.focus('projects', id)
    }));
  }
  // On a phone the charts take the screen's width, which turning it changes.
  window.addEventListener('resize', resizeCharts);
  window.matchMedia('print').addEventListener('change', () => {
    map.invalidateSize();
    fit();
    resizeCharts();
  });
  document.body.dataset.loaded = 'true';
}

/** Shows only the projects whose field has the value; null shows all. */
function filterMap(field, value, label) {
  filter = field ? { field, value } : null;
  const visible = filter ? overlays.projectData.filter((f) => (f.properties[field] ?? null) === value) : overlays.projectData;
  overlays.setProjects(overlays.projectData, visible);
  const chip = document.getElementById('map-filter');
  chip.hidden = !filter;
  document.getElementById('map-filter-text').textContent = filter ? t('filterBy', { v: t(field) + ' = ' + label }) : '';
  document.body.dataset.filter = filter ? field + '=' + (value ?? '') : '';
}

function kpis(rows, year) {
  const row = (measure) => rows.find((r) => r.measure === measure) || {};
  const all = row('all');
  const starts = row('new_starts_' + year);
  const major = row('major');
  const card = (label, value, target) => '<div class="kpi"><span class="kpi-value">' + escapeHtml(value) + '</span>'
    + '<span class="kpi-label">' + escapeHtml(label) + '</span>'
    + (target === null || target === undefined ? '' : '<span class="kpi-target">' + escapeHtml(t('ofTarget', { n: target })) + '</span>') + '</div>';
  document.getElementById('kpis').innerHTML = card(t('kpiProjects'), all.count, null)
    + card(t('kpiInvestment'), fmt(all.investment_wan / 10000, 1), null)
    + card(t('kpiLarge'), row('large').count, null)
    + card(t('kpiMajor'), major.count, major.target)
    + card(t('kpiNewStarts', { year }), starts.count, starts.target);
}

function drawCharts(figures, zones) {
  const zoneName = (code) => {
    const zone = zones.find((z) => z.id === code);
    return code === null ? t('noZone') : zone ? featureName(zone.properties) : code;
  };
  const projectChart = (id, field, colours, label) => {
    const rows = figures[id].rows;
    const keys = rows.map((r) => r[field]);
    const labels = keys.map(label);
    barChart(chartOf(id), {
      keys, labels, twoAxes: true,
      series: [
        { name: t('countAxis'), itemStyle: { color: '#546e7a' }, data: rows.map((r) => ({ value: r.count, itemStyle: { color: colours(r[field]) } })) },
        { name: t('investmentAxis'), yAxisIndex: 1, data: rows.map((r) => Math.round(r.investment_wan / 100) / 100), itemStyle: { color: '#b0bec5' } }
      ],
      onClick: (key) => filterMap(field, key, label(key))
    });
  };
  projectChart('projects_by_stage', 'stage', (k) => STAGE_COLOURS[k], tv);
  projectChart('projects_by_category', 'category', (k) => CATEGORY_COLOURS[k], tv);
  projectChart('projects_by_zone', 'zone', () => '#d81b60', zoneName);
  projectChart('projects_by_town', 'town', () => '#00897b', (k) => (k === null ? t('noTown') : tv(k)));

  // Against the three 1,000-mu targets: the statuses that have one (已供 stays in the CSV).
  const status = figures.land_by_status.rows.filter((r) => r.target_mu !== null);
  barChart(chartOf('land_by_status'), {
    keys: status.map((r) => r.status),
    series: [
      { name: t('area') + ' (' + t('mu') + ')', itemStyle: { color: '#546e7a' }, data: status.map((r) => ({ value: r.area_mu, itemStyle: { color: STATUS_COLOURS[r.status] } })),
        label: { show: true, position: 'top', fontSize: 10, formatter: (p) => fmt(p.value, 0) } },
      { name: t('target'), data: status.map((r) => r.target_mu), itemStyle: { color: '#cfd8dc' } }
    ]
  });
  stacked('land_status_by_town', figures, 'town', 'status', STATUSES, STATUS_COLOURS, tv);
  stacked('land_status_by_zone', figures, 'zone', 'status', STATUSES, STATUS_COLOURS, zoneName);
  stacked('land_renovation_by_town', figures, 'town', 'renovation', Object.keys(RENOVATION_COLOURS), RENOVATION_COLOURS, tv);
  stacked('land_renovation_by_zone', figures, 'zone', 'renovation', Object.keys(RENOVATION_COLOURS), RENOVATION_COLOURS, zoneName);
}

/** Areas (亩) per place, one stacked series per value of {@code field}. */
function stacked(id, figures, place, field, values, colours, label) {
  const rows = figures[id].rows;
  const places = [...new Set(rows.map((r) => r[place]))];
  barChart(chartOf(id), {
    keys: places, labels: places.map(label),
    series: values.map((v) => ({ name: tv(v), stack: 'area', itemStyle: { color: colours[v] },
      data: places.map((p) => { const r = rows.find((x) => x[place] === p && x[field] === v); return r ? r.area_mu : 0; }) }))
  });
}

function chartOf(id) {
  return document.querySelector('.panel[data-figure="' + id + '"] .chart');
}

function addCsvLink(panel, href) {
  const a = document.createElement('a');
  a.className = 'csv';
  a.href = href;
  a.download = '';
  a.textContent = t('csv');
  panel.querySelector('h2').appendChild(a);
}

/** The project chain's overdue list (/api/projects/overdue, most overdue first), for the caller's view. */
async function overdue() {
  const out = document.getElementById('overdue');
  const r = await fetch(withAsOf('/api/projects/overdue'), { headers: { Accept: 'application/json' } });
  if (!r.ok) {
    out.innerHTML = '<p class="note">' + escapeHtml(t('overdueNA')) + '</p>';
    return;
  }
  const list = (await r.json()).projects;
  if (list.length === 0) {
    out.innerHTML = '<p class="note">' + escapeHtml(t('overdueNone')) + '</p>';
    return;
  }
  const rows = list.map((p) => '<tr><td class="text">' + escapeHtml(featureName(p)) + '</td><td class="text">' + escapeHtml(tv(p.stage))
    + '</td><td class="text">' + escapeHtml(tv(p.late_stage)) + '</td><td>' + escapeHtml(p.planned) + '</td><td>'
    + escapeHtml(p.days_overdue) + '</td></tr>').join('');
  out.innerHTML = '<table><thead><tr><th class="text">' + escapeHtml(t('projects')) + '</th><th class="text">' + escapeHtml(t('stage'))
    + '</th><th class="text">' + escapeHtml(t('lateStage')) + '</th><th>' + escapeHtml(t('plannedDate')) + '</th><th>'
    + escapeHtml(t('daysOverdue')) + '</th></tr></thead><tbody>' + rows + '</tbody></table>';
}

function setUpHeader() {
  document.getElementById('lang').textContent = t('other');
  document.getElementById('lang').addEventListener('click', () => {
    const params = new URLSearchParams(location.search);
    if (lang === 'en') params.delete('lang'); else params.set('lang', 'en');
    location.search = params.toString();
  });
  document.getElementById('print').addEventListener('click', () => window.print());
  const paper = document.getElementById('paper');
  paper.addEventListener('change', () => {
    document.getElementById('page-size').textContent = '@page { size: ' + paper.value + ' landscape; margin: 8mm; }';
    document.body.classList.toggle('a3', paper.value === 'A3');
  });
  document.getElementById('map-filter-clear').addEventListener('click', () => filterMap(null));
  document.body.dataset.filter = '';
}
