package luqiao.map.store.tiles;

/** One layer of a tile encoded by the database: its bytes (empty when it shows nothing) and how many features they hold. */
public record MvtLayer(byte[] bytes, int features) {}
