// Zone labels that never cover one another or a cluster of project markers. After every zoom or
// move (and when the clusters or layers change) a greedy pass places the labels by rank, largest
// zone first: each keeps its place at the zone's centre if that is free, else moves by one label
// height or half a label width, else is hidden until the view leaves it room.

const MARGIN = 2;

/** Keeps the permanent tooltips of labelled(), ranked by rank(layer), clear of each other and of the clusters. */
export function declutterLabels(map, labelled, rank, clusters) {
  let queued = false;
  const run = () => {
    queued = false;
    place(map, labelled().sort((a, b) => rank(b) - rank(a)));
  };
  const schedule = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(run);
    }
  };
  map.on('zoomend moveend resize layeradd layerremove', schedule);
  clusters.on('animationend', schedule);
  return schedule;
}

function place(map, layers) {
  const container = map.getContainer();
  const frame = container.getBoundingClientRect();
  const taken = [...container.querySelectorAll('.marker-cluster')].map((el) => grow(clusterBox(map, el)));
  layers.forEach((layer) => {
    const tooltip = layer.getTooltip && layer.getTooltip();
    const el = tooltip && tooltip.getElement();
    if (!el || !map.hasLayer(tooltip)) return;
    el.style.marginLeft = '';
    el.style.marginTop = '';
    el.classList.remove('label-hidden');
    const box = el.getBoundingClientRect();
    // A label moves only within the map (one at its own place may stand at the edge).
    const shift = shifts(box).find(([dx, dy]) => (!(dx || dy) || inside(moved(box, dx, dy), frame))
      && !taken.some((t) => overlaps(t, moved(box, dx, dy))));
    if (shift === undefined) {
      el.classList.add('label-hidden');
    } else {
      const [dx, dy] = shift;
      el.style.marginLeft = dx ? dx + 'px' : '';
      el.style.marginTop = dy ? dy + 'px' : '';
      taken.push(grow(moved(box, dx, dy)));
    }
  });
}

/**
 * Where Leaflet has put a cluster icon, on the screen: from the position it set, not the drawn one,
 * which may still be sliding there when the clusters have just split or merged.
 */
function clusterBox(map, el) {
  const origin = map.getContainer().getBoundingClientRect();
  const at = map.layerPointToContainerPoint(L.DomUtil.getPosition(el));
  const left = origin.left + at.x + parseFloat(el.style.marginLeft || 0);
  const top = origin.top + at.y + parseFloat(el.style.marginTop || 0);
  return { left, top, right: left + el.offsetWidth, bottom: top + el.offsetHeight };
}

/** Where a label may go, nearest first: its place, a row above or below, half its width aside. */
function shifts(box) {
  const h = box.height + MARGIN;
  const w = Math.round(box.width / 2) + MARGIN;
  return [[0, 0], [0, -h], [0, h], [w, 0], [-w, 0], [w, -h], [-w, -h], [w, h], [-w, h]];
}

const moved = (r, dx, dy) => ({ left: r.left + dx, right: r.right + dx, top: r.top + dy, bottom: r.bottom + dy });
const grow = (r) => ({ left: r.left - MARGIN, right: r.right + MARGIN, top: r.top - MARGIN, bottom: r.bottom + MARGIN });
const inside = (r, frame) => r.left >= frame.left && r.right <= frame.right && r.top >= frame.top && r.bottom <= frame.bottom;
const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
