package luqiao.map.tiles;

import luqiao.map.catalog.Audience;

/** One tile as asked for; also the cache key, so the audience is part of it (the public never gets a staff tile). */
public record TileRequest(TileSet set, TileCoord coord, TileFormat format, Audience audience) {
}
