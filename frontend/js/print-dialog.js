// "Print": the dialog of the web map's print button, loaded at its first click (app.js): paper,
// orientation, format and title; the server draws the current view, with the layers shown and the stage
// and land-use filters, as a thematic map (专题图, GET /api/print), which is downloaded. The server prints
// what the caller may see.
import { asOfDate } from './chain.js';
import { fromMap } from './datum.js';
import { t } from './i18n.js';
import { escapeHtml } from './util.js';

const LAYER_NAMES = ['zones', 'projects', 'parcels'];

/** The print request for the map's current view: bbox (WGS-84), visible layers, filters, date; exported for tests. */
export function printQuery(app, choices) {
  const layers = { zones: app.overlays.zones, projects: app.overlays.projects, parcels: app.parcels };
  const shown = LAYER_NAMES.filter((n) => app.map.hasLayer(layers[n]));
  const b = app.map.getBounds();
  const [west, south] = fromMap(b.getSouthWest());
  const [east, north] = fromMap(b.getNorthEast());
  const query = new URLSearchParams();
  query.set('format', choices.format);
  query.set('paper', choices.paper);
  query.set('orientation', choices.orientation);
  query.set('bbox', [west, south, east, north].map((v) => v.toFixed(6)).join(','));
  query.set('layers', shown.join(','));
  const stages = app.finder ? app.finder.values().stage : [];
  if (shown.includes('projects') && stages.length) query.set('stages', stages.join(','));
  if (shown.includes('parcels') && app.parcels.landuse) query.set('landuse', app.parcels.landuse);
  if (choices.title) query.set('title', choices.title);
  if (asOfDate()) query.set('asOf', asOfDate());
  return query;
}

/** The dialog for app (window.luqiao), opened by each click on button. */
export function printDialog(app, button) {
  const select = (name, options) => '<label>' + escapeHtml(t(name)) + ' <select name="' + name + '">'
    + options.map(([value, label]) => '<option value="' + value + '">' + escapeHtml(label) + '</option>').join('')
    + '</select></label>';
  const dialog = document.createElement('dialog');
  dialog.id = 'print-dialog';
  dialog.innerHTML = '<form method="dialog"><h2>' + escapeHtml(t('printTitle')) + '</h2>'
    + '<p>' + escapeHtml(t('printNote')) + '</p>'
    + select('paper', [['A4', 'A4'], ['A3', 'A3']])
    + select('printOrientation', [['portrait', t('printPortrait')], ['landscape', t('printLandscape')]])
    + select('printFormat', [['pdf', 'PDF'], ['png', 'PNG (300 dpi)']])
    + '<label>' + escapeHtml(t('printMapTitle')) + ' <input name="title" maxlength="60" value="'
    + escapeHtml(t('printDefaultTitle')) + '"></label>'
    + '<p id="print-status" aria-live="polite"></p>'
    + '<p><button type="button" id="print-run">' + escapeHtml(t('printRun')) + '</button> '
    + '<button type="button" id="print-close">' + escapeHtml(t('printClose')) + '</button></p></form>';
  document.body.appendChild(dialog);
  const form = dialog.querySelector('form');
  const status = dialog.querySelector('#print-status');
  const run = dialog.querySelector('#print-run');
  dialog.querySelector('#print-close').addEventListener('click', () => dialog.close());
  run.addEventListener('click', async () => {
    const el = form.elements;
    const query = printQuery(app, { paper: el.paper.value, orientation: el.printOrientation.value,
      format: el.printFormat.value, title: el.title.value.trim() });
    run.disabled = true;
    status.className = '';
    status.textContent = t('printing');
    try {
      const r = await fetch('/api/print?' + query.toString());
      if (!r.ok) {
        let detail = 'HTTP ' + r.status;
        try { detail = (await r.json()).detail || detail; } catch (ignored) { /* not a problem document */ }
        throw new Error(detail);
      }
      const blob = await r.blob();
      const name = 'luqiao-map-' + el.paper.value + '-' + el.printOrientation.value + '.' + el.printFormat.value;
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      // What was received, for the page's own checks and tests: type, size and the file's first bytes.
      app.lastPrint = { type: blob.type, size: blob.size, head: await blob.slice(0, 5).text(), query: query.toString() };
      status.textContent = t('printDone', { name });
    } catch (error) {
      status.className = 'error';
      status.textContent = t('printFailed') + error.message;
    } finally {
      run.disabled = false;
    }
  });
  button.addEventListener('click', () => { status.textContent = ''; dialog.showModal(); });
}
