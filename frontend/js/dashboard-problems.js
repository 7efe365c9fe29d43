// The dashboard's problem panels (一线督战), for signed-in staff only (dashboard.js loads this module for
// them alone): open and overdue problems by department, zone and category (/api/dashboard/problems), and
// the 督战 list, the projects with the most overdue problems (/api/dashboard/duzhan). Each panel links its
// CSV; the page's as-of date applies to both.
import './inspect-texts.js'; // registers the words used here
import { barChart } from './charts.js';
import { featureName, t, tv } from './i18n.js';
import { escapeHtml, fetchJson } from './util.js';

const BREAKDOWNS = [
  { by: 'department', figure: 'problems_by_department', title: 'openByDepartment' },
  { by: 'zone', figure: 'problems_by_zone', title: 'openByZone' },
  { by: 'category', figure: 'problems_by_category', title: 'openByCategory' }
];

/**
 * Adds the panels at the end of the figures: one with the three breakdowns (their one CSV names each row's
 * breakdown), and the 督战 list. withAsOf(url) adds the page's date; focus(id) shows a project on the map.
 */
export async function showProblemPanels({ withAsOf, focus }) {
  const figures = document.getElementById('figures');
  figures.insertAdjacentHTML('beforeend', '<article class="panel wide" id="problems-panel"><h2>' + escapeHtml(t('problemsPanel'))
    + csvLink(withAsOf('/api/dashboard/problems?format=csv')) + '</h2><div class="charts problem-charts">'
    + BREAKDOWNS.map((b) => '<section class="problem-figure" data-problems="' + b.by + '"><h3>' + escapeHtml(t(b.title))
      + '</h3><div class="chart"></div></section>').join('') + '</div></article>'
    + '<article class="panel wide" id="duzhan-panel"><h2>' + escapeHtml(t('duzhanList'))
    + csvLink(withAsOf('/api/dashboard/duzhan?format=csv')) + '</h2><div id="duzhan"></div></article>');
  document.getElementById('duzhan').addEventListener('click', (e) => {
    const row = e.target.closest('tr[data-project]');
    if (row) focus(row.dataset.project);
  });
  const [problems, duzhan] = await Promise.all([
    fetchJson(withAsOf('/api/dashboard/problems')).catch((error) => ({ error })),
    fetchJson(withAsOf('/api/dashboard/duzhan')).catch((error) => ({ error }))
  ]);
  BREAKDOWNS.forEach((b) => drawBreakdown(b, problems));
  document.getElementById('duzhan').innerHTML = duzhanTable(duzhan);
  document.body.dataset.problemPanels = problems.error || duzhan.error ? 'error' : 'true';
}

function csvLink(href) {
  return '<a class="csv" download href="' + escapeHtml(href) + '">' + escapeHtml(t('csv')) + '</a>';
}

/** A breakdown's open and overdue problems as bars; every configured department and category has a row. */
function drawBreakdown(b, answer) {
  const chart = document.querySelector('[data-problems="' + b.by + '"] .chart');
  const figure = answer.figures && answer.figures[b.figure];
  if (!figure) {
    chart.outerHTML = '<p class="note">' + escapeHtml(t('failed') + (answer.error ? answer.error.message : b.figure)) + '</p>';
    return;
  }
  const rows = figure.rows;
  const keys = rows.map((r) => r[b.by]);
  const label = (r) => (b.by === 'zone' ? (r.zone === null ? t('noZone') : featureName(r) || r.zone) : tv(r[b.by]));
  barChart(chart, {
    keys, labels: rows.map(label),
    series: [
      { name: t('openAxis'), itemStyle: { color: '#fb8c00' }, data: rows.map((r) => r.open) },
      { name: t('overdueAxis'), itemStyle: { color: '#d50000' }, data: rows.map((r) => r.overdue) }
    ]
  });
  chart.dataset.rows = String(rows.length);
}

/** The projects with the most overdue problems, first the most; a row shows its project on the map. */
function duzhanTable(answer) {
  if (answer.error) return '<p class="note">' + escapeHtml(t('failed') + answer.error.message) + '</p>';
  const list = answer.rows || [];
  if (list.length === 0) return '<p class="note">' + escapeHtml(t('duzhanNone')) + '</p>';
  const zone = (p) => (p.zone === null ? t('noZone') : featureName({ name_zh: p.zone_name_zh }) || p.zone);
  const rows = list.map((p) => '<tr data-project="' + escapeHtml(p.project) + '"><td class="text">'
    + escapeHtml(featureName(p) || p.project) + '</td><td class="text">' + escapeHtml(zone(p)) + '</td><td>' + escapeHtml(p.overdue)
    + '</td><td>' + escapeHtml(p.open) + '</td><td>' + escapeHtml(p.oldest_due) + '</td><td>' + escapeHtml(p.max_days_overdue) + '</td></tr>').join('');
  return '<table><thead><tr><th class="text">' + escapeHtml(t('projects')) + '</th><th class="text">' + escapeHtml(t('zone')) + '</th><th>'
    + escapeHtml(t('overdueCount')) + '</th><th>' + escapeHtml(t('openCount')) + '</th><th>' + escapeHtml(t('oldestDue')) + '</th><th>'
    + escapeHtml(t('daysOverdue')) + '</th></tr></thead><tbody>' + rows + '</tbody></table>';
}
