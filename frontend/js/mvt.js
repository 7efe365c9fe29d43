// A Mapbox Vector Tile (MVT 2.1) decoder over Pbf: layers of features with their attributes and
// geometry as rings/lines/points in tile units. (The @mapbox/vector-tile webjar is CommonJS only,
// so the few lines of the spec's decoding live here.)

/** Decodes a tile into { layerName: { extent, features: [{ type, properties, geometry }] } }. */
export function decodeTile(buffer) {
  const pbf = new Pbf(buffer);
  const layers = {};
  pbf.readFields((tag, acc, p) => {
    if (tag === 3) {
      const layer = p.readMessage(readLayer, { name: '', extent: 4096, keys: [], values: [], raw: [] });
      layers[layer.name] = { extent: layer.extent, features: layer.raw.map((f) => feature(f, layer)) };
    }
  }, layers);
  return layers;
}

function readLayer(tag, layer, pbf) {
  if (tag === 1) layer.name = pbf.readString();
  else if (tag === 5) layer.extent = pbf.readVarint();
  else if (tag === 2) layer.raw.push(pbf.readMessage(readFeature, { type: 0, tags: [], geometry: [] }));
  else if (tag === 3) layer.keys.push(pbf.readString());
  else if (tag === 4) layer.values.push(readValue(pbf));
}

function readFeature(tag, f, pbf) {
  if (tag === 3) f.type = pbf.readVarint();
  else if (tag === 2) f.tags = pbf.readPackedVarint();
  else if (tag === 4) f.geometry = pbf.readPackedVarint();
}

function readValue(pbf) {
  let value = null;
  const end = pbf.readVarint() + pbf.pos;
  while (pbf.pos < end) {
    const tag = pbf.readVarint() >> 3;
    value = tag === 1 ? pbf.readString()
      : tag === 2 ? pbf.readFloat()
        : tag === 3 ? pbf.readDouble()
          : tag === 4 ? pbf.readVarint64()
            : tag === 5 ? pbf.readVarint()
              : tag === 6 ? pbf.readSVarint()
                : tag === 7 ? pbf.readBoolean() : null;
  }
  return value;
}

function feature(raw, layer) {
  const properties = {};
  for (let i = 0; i + 1 < raw.tags.length; i += 2) {
    properties[layer.keys[raw.tags[i]]] = layer.values[raw.tags[i + 1]];
  }
  return { type: raw.type, properties, geometry: geometry(raw.geometry) };
}

/** The command stream as parts (arrays of [x, y]): rings for polygons, lines, or single points. */
function geometry(commands) {
  const parts = [];
  let part = null;
  let x = 0;
  let y = 0;
  let i = 0;
  while (i < commands.length) {
    const header = commands[i++];
    const id = header & 7;
    const count = header >> 3;
    if (id === 7) {
      if (part && part.length) part.push(part[0]);
      continue;
    }
    for (let n = 0; n < count; n++) {
      x += (commands[i] >> 1) ^ -(commands[i] & 1);
      y += (commands[i + 1] >> 1) ^ -(commands[i + 1] & 1);
      i += 2;
      if (id === 1) {
        part = [];
        parts.push(part);
      }
      part.push([x, y]);
    }
  }
  return parts;
}
