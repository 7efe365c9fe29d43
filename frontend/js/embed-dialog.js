// "Embed this map": a button on the web map that builds the iframe code for the current view
// (visible layers, bounding box, basemap, language, legend). The embed shows the public view only.
import { lang } from './i18n.js';
import { escapeHtml } from './util.js';

const TEXT = lang === 'en'
  ? { button: 'Embed', title: 'Embed this map', legend: 'Show the legend', copy: 'Copy', note: 'The embedded map shows public data only.', close: 'Close' }
  : { button: '嵌入', title: '嵌入此地图', legend: '显示图例', copy: '复制', note: '嵌入的地图只显示公开数据。', close: '关闭' };

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

function install() {
  const app = window.luqiao;
  if (!app || !app.map || !app.overlays) {
    setTimeout(install, 200);
    return;
  }
  const layers = { zones: app.overlays.zones, projects: app.overlays.projects, parcels: app.parcels };
  const dialog = document.createElement('dialog');
  dialog.id = 'embed-dialog';
  dialog.innerHTML = '<h2>' + escapeHtml(TEXT.title) + '</h2><p>' + escapeHtml(TEXT.note) + '</p>'
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
  const control = L.control({ position: 'topleft' });
  control.onAdd = () => {
    const button = L.DomUtil.create('button', 'embed-button leaflet-bar');
    button.type = 'button';
    button.textContent = TEXT.button;
    button.title = TEXT.title;
    L.DomEvent.disableClickPropagation(button);
    button.addEventListener('click', () => { refresh(); dialog.showModal(); });
    return button;
  };
  control.addTo(app.map);
}

install();
