// Reads a PMTiles archive with the reference reader (npm "pmtiles") and prints, as one JSON object, its
// header, its metadata and the tiles named on the command line (base64 of the decompressed tile, or null).
// Usage: node read-pmtiles.mjs archive.pmtiles z/x/y ...
import { open, stat } from "node:fs/promises";
import { PMTiles } from "pmtiles";

/** The reader's Source interface over a local file (its FileSource wants a browser File). */
class LocalFileSource {
  constructor(path) {
    this.path = path;
  }
  getKey() {
    return this.path;
  }
  async getBytes(offset, length) {
    const size = (await stat(this.path)).size;
    const n = Math.max(0, Math.min(length, size - offset));
    const file = await open(this.path, "r");
    try {
      const buffer = Buffer.alloc(n);
      await file.read(buffer, 0, n, offset);
      return { data: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + n) };
    } finally {
      await file.close();
    }
  }
}

const [archive, ...wanted] = process.argv.slice(2);
const pmtiles = new PMTiles(new LocalFileSource(archive));
const header = await pmtiles.getHeader();
const metadata = await pmtiles.getMetadata();
const tiles = {};
for (const zxy of wanted) {
  const [z, x, y] = zxy.split("/").map(Number);
  const tile = await pmtiles.getZxy(z, x, y);
  tiles[zxy] = tile ? Buffer.from(tile.data).toString("base64") : null;
}
console.log(JSON.stringify({ header, metadata, tiles }));
