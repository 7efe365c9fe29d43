// The legend: only the layers that are on, in the style they are drawn with at this zoom.
import { t, tv } from './i18n.js';
import { LANDUSE, PUBLIC_STAGES, STAGE_COLOURS, STATUS_COLOURS, STATUS_OUTLINE_ZOOM, STATUSES, ZONE_COLOURS } from './style.js';
import { escapeHtml } from './util.js';

/** stages: those the caller's view holds (/api/me sees.stages); the public's until told otherwise (setStages). */
export function legendControl(map, layers, stages = PUBLIC_STAGES) {
  const control = L.control({ position: 'bottomright' });
  let div;
  let shown = stages;
  // Open on a tall screen (1,000 px or more: on a laptop it would cover the map's corner);
  // afterwards it stays as the user left it.
  let open = window.innerHeight >= 1000;
  const item = (cls, colour, label) => '<li><i class="swatch ' + cls + '" style="--c:' + colour + '"></i>' + escapeHtml(label) + '</li>';
  const update = () => {
    let html = '<details' + (open ? ' open' : '') + '><summary>' + escapeHtml(t('legend')) + '</summary>';
    if (map.hasLayer(layers.zones)) {
      html += '<h4>' + escapeHtml(t('zones')) + '</h4><ul>' + Object.keys(ZONE_COLOURS)
        .map((k) => item('line', ZONE_COLOURS[k], t('kind.' + k))).join('') + '</ul>';
    }
    if (map.hasLayer(layers.projects)) {
      html += '<h4>' + escapeHtml(t('projects')) + ' · ' + escapeHtml(t('stage')) + '</h4><ul>'
        + shown.map((s) => item('round', STAGE_COLOURS[s], tv(s))).join('') + '</ul>';
    }
    if (map.hasLayer(layers.parcels)) {
      const only = layers.parcels.landuse;
      html += '<h4>' + escapeHtml(t('parcels')) + ' · ' + escapeHtml(t('landuse')) + '</h4><ul class="cols">'
        + LANDUSE.filter(([code]) => !only || code === only).map(([code, name, colour]) => item('fill', colour, tv(name))).join('') + '</ul>';
      if (map.getZoom() >= STATUS_OUTLINE_ZOOM) {
        html += '<h4>' + escapeHtml(t('statusOutline')) + '</h4><ul>' + STATUSES.map((s) => item('outline', STATUS_COLOURS[s], tv(s))).join('') + '</ul>';
      }
    }
    div.innerHTML = html + '</details>';
    div.querySelector('details').addEventListener('toggle', (e) => { open = e.target.open; });
  };
  control.onAdd = () => {
    div = L.DomUtil.create('div', 'legend');
    L.DomEvent.disableScrollPropagation(div);
    update();
    return div;
  };
  control.update = update;
  control.setStages = (list) => { shown = list; if (div) update(); };
  map.on('overlayadd overlayremove zoomend', update);
  return control;
}
