// "Embed this map": the dialog of the web map's embed button that builds the iframe code for the current
// view (visible layers, bounding box, basemap, language, legend). The embed shows the public view only.
// Loaded at the button's first click (app.js).
import { lang, t } from './i18n.js';
import { escapeHtml } from './util.js';

const TEXT = lang === 'en'
  ? { legend: 'Show the legend', copy: 'Copy', note: 'The embedded map shows public data only.', close: 'Close' }
  : { legend: '显示图例', copy: '复制', note: '嵌入的地图只显示公开数据。', close: '关闭' };

/** The iframe HTML for a map's current view; exported for tests. */
export function embedCode(map, layers, basemap, withLegend) {
  const b = map.getBounds();
  const query = new URLSearchParams();
  query.set('layers', Object.keys(layers).filter((n) => map.hasLayer(layers[n])).join(','));
  query.set('bbox', [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(','));
  if (basemap) query.set('basemap', basemap);
  query.set('lang', lang === 'en' ? 'en' : 'zh');
  query.set('legend', withLegend ? '1' : '0');
  const src = location.origin + '/embed?' + query.toString();
  return '<iframe src="' + escapeHtml(src) + '" width="800" height="600" style="border:0" loading="lazy" title="路桥区城乡建设项目地图"></iframe>';
}

/** The dialog for app (window.luqiao), opened by each click on button. */
export function embedDialog(app, button) {
  const layers = { zones: app.overlays.zones, projects: app.overlays.projects, parcels: app.parcels };
  const dialog = document.createElement('dialog');
  dialog.id = 'embed-dialog';
  dialog.innerHTML = '<h2>' + escapeHtml(t('embedTitle')) + '</h2><p>' + escapeHtml(TEXT.note) + '</p>'
    + '<label><input type="checkbox" id="embed-legend" checked> ' + escapeHtml(TEXT.legend) + '</label>'
    + '<textarea id="embed-code" rows="5" cols="60" readonly></textarea>'
    + '<p><button type="button" id="embed-copy">' + escapeHtml(TEXT.copy) + '</button> '
    + '<button type="button" id="embed-close">' + escapeHtml(TEXT.close) + '</button></p>';
  document.body.appendChild(dialog);
  const code = dialog.querySelector('#embed-code');
  const refresh = () => {
    const basemap = new URLSearchParams(location.search).get('base');
    code.value = embedCode(app.map, layers, basemap, dialog.querySelector('#embed-legend').checked);
  };
  dialog.querySelector('#embed-legend').addEventListener('change', refresh);
  dialog.querySelector('#embed-copy').addEventListener('click', () => {
    code.select();
    if (navigator.clipboard) navigator.clipboard.writeText(code.value).catch(() => {});
  });
  dialog.querySelector('#embed-close').addEventListener('click', () => dialog.close());
  button.addEventListener('click', () => { refresh(); dialog.showModal(); });
}
