// The view in the address: centre, zoom, basemap, layers, filters, selected feature and language,
// so a view can be shared and restored. Written with replaceState: moving the map adds no history.
const params = new URLSearchParams(location.search);

export function read() {
  const list = (name) => (params.get(name) ? params.get(name).split(',').filter(Boolean) : null);
  const centre = list('c');
  const inv = params.get('inv') ? params.get('inv').split(',') : null;
  return {
    centre: centre && centre.length === 2 ? [Number(centre[0]), Number(centre[1])] : null,
    zoom: params.has('z') ? Number(params.get('z')) : null,
    basemap: params.get('base'),
    layers: list('layers'),
    filters: {
      q: params.get('q') || '',
      stage: list('stage') || [],
      category: list('cat') || [],
      zone: params.get('zone') || '',
      invMin: inv && inv[0] !== '' ? Number(inv[0]) : null,
      invMax: inv && inv[1] !== undefined && inv[1] !== '' ? Number(inv[1]) : null,
      landuse: params.get('lu') || ''
    },
    selected: params.get('sel')
  };
}

/** Updates the named parts of the address; null or empty removes a part. */
export function write(parts) {
  Object.entries(parts).forEach(([key, value]) => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      params.delete(key);
    } else {
      params.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
  });
  history.replaceState(null, '', location.pathname + '?' + currentSearch());
}

/** The address's query, with commas and colons left readable. */
export function currentSearch() {
  return params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
}
