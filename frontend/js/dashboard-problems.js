// The dashboard's problem panels (一线督战), for signed-in staff only (dashboard.js loads this module for
// them alone): open and overdue problems by department, zone and category (/api/dashboard/problems), and
// the 督战 list, the projects with the most overdue problems (/api/dashboard/duzhan). Each panel links its
// CSV; the page's as-of date applies to both.
import './inspect-texts.js'; // registers the words used here
import { barChart } from './charts.js';
import { featureName, t, tv } from './i18n.js';
import { escapeHtml, fetchJson } from './util.js';

const BREAKDOWNS = [
  { by: 'department', title: 'openByDepartment', rows: ['byDepartment', 'by_department', 'departments'] },
  { by: 'zone', title: 'openByZone', rows: ['byZone', 'by_zone', 'zones'] },
  { by: 'category', title: 'openByCategory', rows: ['byCategory', 'by_category', 'categories'] }
];

/**
 * Adds the panels at the end of the figures. withAsOf(url) adds the page's date; zoneName(code) names a
 * zone; focus(id) shows a project on the map.
 */
export async function showProblemPanels({ withAsOf, zoneName, focus }) {
  const figures = document.getElementById('figures');
  const charts = document.createElement('div');
  charts.className = 'charts problem-charts';
  BREAKDOWNS.forEach((b) => {
    charts.insertAdjacentHTML('beforeend', '<article class="panel problem-figure" data-problems="' + b.by + '"><h2>'
      + escapeHtml(t(b.title)) + csvLink(withAsOf('/api/dashboard/problems?by=' + b.by + '&format=csv')) + '</h2><div class="chart"></div></article>');
  });
  figures.appendChild(charts);
  figures.insertAdjacentHTML('beforeend', '<article class="panel wide" id="duzhan-panel"><h2>' + escapeHtml(t('duzhanList'))
    + csvLink(withAsOf('/api/dashboard/duzhan?format=csv')) + '</h2><div id="duzhan"></div></article>');
  document.getElementById('duzhan').addEventListener('click', (e) => {
    const row = e.target.closest('tr[data-project]');
    if (row) focus(row.dataset.project);
  });
  const [problems, duzhan] = await Promise.all([
    fetchJson(withAsOf('/api/dashboard/problems')).catch((error) => ({ error })),
    fetchJson(withAsOf('/api/dashboard/duzhan')).catch((error) => ({ error }))
  ]);
  BREAKDOWNS.forEach((b) => drawBreakdown(b, problems, zoneName));
  document.getElementById('duzhan').innerHTML = duzhanTable(duzhan);
}

function csvLink(href) {
  return '<a class="csv" download href="' + escapeHtml(href) + '">' + escapeHtml(t('csv')) + '</a>';
}

function drawBreakdown(b, answer, zoneName) {
  const chart = document.querySelector('.panel[data-problems="' + b.by + '"] .chart');
  const rows = answer.error ? null : b.rows.map((k) => answer[k]).find(Array.isArray);
  if (!rows) {
    chart.outerHTML = '<p class="note">' + escapeHtml(t('failed') + (answer.error ? answer.error.message : '')) + '</p>';
    return;
  }
  const keys = rows.map((r) => r[b.by] ?? r.key ?? null);
  const label = b.by === 'zone' ? (k) => (k === null ? t('noZone') : zoneName(k)) : (k) => (k === null ? '—' : tv(k));
  barChart(chart, {
    keys, labels: keys.map(label),
    series: [
      { name: t('openAxis'), itemStyle: { color: '#fb8c00' }, data: rows.map((r) => r.open ?? 0) },
      { name: t('overdueAxis'), itemStyle: { color: '#d50000' }, data: rows.map((r) => r.overdue ?? 0) }
    ]
  });
  chart.dataset.rows = String(rows.length);
}

function duzhanTable(answer) {
  if (answer.error) return '<p class="note">' + escapeHtml(t('failed') + answer.error.message) + '</p>';
  const list = Array.isArray(answer) ? answer : answer.projects || [];
  if (list.length === 0) return '<p class="note">' + escapeHtml(t('duzhanNone')) + '</p>';
  const id = (p) => p.projectId ?? p.id;
  const rows = list.map((p) => '<tr data-project="' + escapeHtml(id(p)) + '"><td class="text">'
    + escapeHtml(p.projectName || featureName(p) || id(p)) + '</td><td>' + escapeHtml(p.overdueProblems ?? p.overdue ?? '')
    + '</td><td>' + escapeHtml(p.openProblems ?? p.open ?? '') + '</td><td>' + escapeHtml(p.oldestDue ?? p.earliestDue ?? '') + '</td></tr>').join('');
  return '<table><thead><tr><th class="text">' + escapeHtml(t('projects')) + '</th><th>' + escapeHtml(t('overdueCount')) + '</th><th>'
    + escapeHtml(t('openCount')) + '</th><th>' + escapeHtml(t('oldestDue')) + '</th></tr></thead><tbody>' + rows + '</tbody></table>';
}
