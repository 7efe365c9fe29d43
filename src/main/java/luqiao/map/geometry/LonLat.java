package luqiao.map.geometry;

/** A WGS 84 position, range-checked. */
public record LonLat(double lon, double lat) {

    /** Checks a position given as the request parameters {@code lon} and {@code lat}. */
    public static LonLat of(double lon, double lat) {
        check("lon", "lat", lon, lat);
        return new LonLat(lon, lat);
    }

    static void check(String lonParameter, String latParameter, double lon, double lat) {
        if (!(lon >= -180 && lon <= 180)) {
            throw new GeometryArgumentException(
                    lonParameter, lonParameter + ": longitude " + lon + " is outside -180..180");
        }
        if (!(lat >= -90 && lat <= 90)) {
            throw new GeometryArgumentException(
                    latParameter, latParameter + ": latitude " + lat + " is outside -90..90");
        }
    }
}
