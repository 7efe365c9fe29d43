package luqiao.map.wmts;

import luqiao.map.tiles.TileCoord;
import luqiao.map.tiles.TileSet;
import luqiao.map.wmts.WmtsException.Code;

/**
 * A GetTile request checked: the layer (a tile set), its one style, the tile matrix set and the tile in it.
 * Each fault is a {@link WmtsException} naming the parameter as the KVP binding spells it.
 */
record TileAddress(TileSet layer, MatrixSet matrixSet, TileCoord coord) {

    /** The one style of every layer: the web map's. */
    static final String STYLE = "default";

    /**
     * The tile the parameters name. An empty style is the default one (clients that do not care send
     * {@code STYLE=}); rows and columns outside the tile matrix are {@code TileOutOfRange}.
     */
    static TileAddress of(
            String layer, String style, String tileMatrixSet, String tileMatrix, String tileRow, String tileCol) {
        TileSet set = TileSet.byName(layer)
                .orElseThrow(() -> new WmtsException(
                        Code.InvalidParameterValue,
                        "Layer",
                        "unknown layer '" + layer + "'; the layers are zones, projects, parcels and all"));
        if (!style.isEmpty() && !style.equals(STYLE)) {
            throw new WmtsException(
                    Code.InvalidParameterValue,
                    "Style",
                    "unknown style '" + style + "'; every layer has the one style '" + STYLE + "'");
        }
        MatrixSet matrixSet = MatrixSet.byIdentifier(tileMatrixSet)
                .orElseThrow(() -> new WmtsException(
                        Code.InvalidParameterValue,
                        "TileMatrixSet",
                        "unknown tile matrix set '" + tileMatrixSet + "'; the sets are "
                                + MatrixSet.GOOGLE_MAPS_COMPATIBLE.identifier() + " and "
                                + MatrixSet.CGCS2000.identifier()));
        int z = matrixSet
                .zoom(tileMatrix)
                .orElseThrow(() -> new WmtsException(
                        Code.InvalidParameterValue,
                        "TileMatrix",
                        "unknown tile matrix '" + tileMatrix + "' of " + matrixSet.identifier()
                                + "; its tile matrices are " + matrixSet.minZoom() + " to " + matrixSet.maxZoom()));
        long row = index("TileRow", tileRow, matrixSet.grid().matrixHeight(z), matrixSet, z);
        long col = index("TileCol", tileCol, matrixSet.grid().matrixWidth(z), matrixSet, z);
        return new TileAddress(set, matrixSet, TileCoord.of(z, (int) col, (int) row));
    }

    private static long index(String name, String value, long count, MatrixSet matrixSet, int z) {
        long index;
        try {
            index = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new WmtsException(
                    Code.InvalidParameterValue, name, name + " must be a whole number, not '" + value + "'");
        }
        if (index < 0 || index >= count) {
            throw new WmtsException(
                    Code.TileOutOfRange,
                    name,
                    name + " must be between 0 and " + (count - 1) + " in tile matrix " + z + " of "
                            + matrixSet.identifier() + ", not " + index);
        }
        return index;
    }
}
