package luqiao.map.tiles;

import org.springframework.http.MediaType;

/** The encodings a tile is served in, by URL suffix. */
public enum TileFormat {
    MVT(".mvt", "application/vnd.mapbox-vector-tile", 0),
    PNG(".png", "image/png", 256),
    PNG_2X("@2x.png", "image/png", 512);

    private final String suffix;
    private final MediaType mediaType;
    private final int pixels;

    TileFormat(String suffix, String mediaType, int pixels) {
        this.suffix = suffix;
        this.mediaType = MediaType.parseMediaType(mediaType);
        this.pixels = pixels;
    }

    /** What follows {y} in this format's URLs, e.g. {@code .mvt} or {@code @2x.png}. */
    public String suffix() {
        return suffix;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** Width and height of a raster tile; 0 for vector tiles. */
    public int pixels() {
        return pixels;
    }

    public boolean isVector() {
        return this == MVT;
    }
}
