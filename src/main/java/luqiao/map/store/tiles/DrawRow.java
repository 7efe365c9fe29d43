package luqiao.map.store.tiles;

/** One row to draw: its style key, its label (null when none was asked for) and its lon/lat WKB. */
public record DrawRow(String key, String label, byte[] wkb) {}
