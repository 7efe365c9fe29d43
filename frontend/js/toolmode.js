// Tool mode: while a tool draws on the map (the parcel query's rectangle or polygon, measuring,
// drawing or reshaping an edited feature), a click on the map is the tool's alone. No zone,
// project or parcel popup opens, so none can cover the first vertex that closes a polygon.
// Leaflet-draw's handlers announce themselves (draw:drawstart, draw:drawstop on finish, cancel and
// Esc); a tool without such events (reshaping in edit.js) holds and releases the map itself.

const states = new WeakMap();

function state(map) {
  if (!states.has(map)) states.set(map, { drawing: 0, held: new Map() });
  return states.get(map);
}

function changed(map) {
  map.getContainer().classList.toggle('tool-active', toolActive(map));
}

/** True while some tool holds the map: map clicks then open no popup. */
export function toolActive(map) {
  const s = states.get(map);
  return Boolean(s && (s.drawing > 0 || s.held.size > 0));
}

/**
 * A tool named name takes the map's clicks until releaseMap(map, name); onEscape (optional) is how
 * the tool is left with the Esc key.
 */
export function holdMap(map, name, onEscape) {
  state(map).held.set(name, onEscape || null);
  changed(map);
}

export function releaseMap(map, name) {
  state(map).held.delete(name);
  changed(map);
}

/** Puts the map in tool mode whenever a leaflet-draw handler draws on it. */
export function followDrawTools(map) {
  map.on('draw:drawstart', () => {
    state(map).drawing++;
    changed(map);
    // leaflet-draw cancels on Esc only in the focused map: not left to the tool's button.
    map.getContainer().focus({ preventScroll: true });
  });
  map.on('draw:drawstop', () => { state(map).drawing = Math.max(0, state(map).drawing - 1); changed(map); });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    [...state(map).held.values()].forEach((leave) => { if (leave) leave(); });
  });
}

// Leaflet opens a layer's bound popup on a click (or Enter) through Layer._openPopup: the one
// place to refuse it while a tool holds that layer's map. Popups opened by code still open.
const openBoundPopup = L.Layer.prototype._openPopup;
L.Layer.prototype._openPopup = function (e) {
  if (this._map && toolActive(this._map)) return;
  openBoundPopup.call(this, e);
};
