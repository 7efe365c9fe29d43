package luqiao.map.gisdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Everything the generator reads from /work/shared/gis-sources, already converted to WGS 84. */
public final class Sources {

    /** A named point; {@code local} is in the local metric frame. */
    public record Place(String name, String town, Coordinate local) {}

    /** One land-use class of the 2023 list. */
    public record LandUse(String code, String name, String l1Code, String l1Name) {}

    /** District boundary, WGS 84 lon/lat (converted from the GCJ-02 DataV file). */
    public final MultiPolygon boundaryWgs;
    /** Same boundary in local metres. */
    public final Geometry boundaryLocal;
    /** The 11 town-level seats (10 streets/towns + 滨海工业城), WGS-84-derived columns. */
    public final List<Place> seats;
    /** Village/community points with coordinates (GCJ-02 in the source, converted here). */
    public final List<Place> villages;
    /** Level-2 classes of the 2023 land-use list, by code. */
    public final Map<String, LandUse> landUses;

    private Sources(MultiPolygon boundaryWgs, List<Place> seats, List<Place> villages, Map<String, LandUse> landUses) {
        this.boundaryWgs = boundaryWgs;
        this.boundaryLocal = Coords.toLocal(boundaryWgs);
        this.seats = seats;
        this.villages = villages;
        this.landUses = landUses;
    }

    public static Sources load(Path dir) throws IOException {
        JsonNode fc = new ObjectMapper()
                .readTree(dir.resolve("luqiao_331004_datav_v3.geojson").toFile());
        Geometry gcj = GeoJson.readGeometry(fc.get("features").get(0).get("geometry"));
        MultiPolygon wgs = (MultiPolygon) Coords.gcjToWgs(gcj);
        return new Sources(
                wgs, readSeats(dir), readVillages(dir), readLandUses(dir.resolve("landuse_ydyh_2023_codes.csv")));
    }

    /** Seats = rows of luqiao_places_found.csv described as "township/street seat point". */
    private static List<Place> readSeats(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("luqiao_places_found.csv"), StandardCharsets.UTF_8);
        List<String> header = parseCsvLine(lines.get(0));
        int name = header.indexOf("name");
        int what = header.indexOf("what_the_point_is");
        int lon = header.indexOf("lon_wgs84_derived");
        int lat = header.indexOf("lat_wgs84_derived");
        List<Place> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = parseCsvLine(line);
            if (f.get(what).equals("township/street seat point")) {
                String n = f.get(name);
                out.add(new Place(
                        n, n, Coords.toLocal(Double.parseDouble(f.get(lon)), Double.parseDouble(f.get(lat)))));
            }
        }
        if (out.size() != 11) {
            throw new IllegalStateException("expected 11 town seats, found " + out.size());
        }
        return out;
    }

    /** Villages of the NBS code list that carry a (GCJ-02) point; the file has no header. */
    private static List<Place> readVillages(Path dir) throws IOException {
        List<Place> out = new ArrayList<>();
        for (String line : Files.readAllLines(
                dir.resolve("luqiao_331004_adcode2016_towns_villages.csv"), StandardCharsets.UTF_8)) {
            List<String> f = parseCsvLine(line);
            if (f.get(3).equals("village") && !f.get(12).isBlank()) {
                double[] w = Coords.gcjToWgs(Double.parseDouble(f.get(12)), Double.parseDouble(f.get(13)));
                out.add(new Place(f.get(2), f.get(18), Coords.toLocal(w[0], w[1])));
            }
        }
        return out;
    }

    public static Map<String, LandUse> readLandUses(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Map<String, String> level1 = new LinkedHashMap<>();
        Map<String, LandUse> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = parseCsvLine(line);
            if (f.get(0).equals("1")) {
                level1.put(f.get(1), f.get(2));
            }
        }
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = parseCsvLine(line);
            if (f.get(0).equals("2")) {
                out.put(f.get(1), new LandUse(f.get(1), f.get(2), f.get(4), level1.get(f.get(4))));
            }
        }
        return out;
    }

    /** RFC 4180 line splitting (quoted fields may contain commas and doubled quotes). */
    public static List<String> parseCsvLine(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** Nearest place to a local point (Voronoi assignment). */
    public static Place nearest(List<Place> places, Coordinate p) {
        Place best = null;
        double bestD = Double.MAX_VALUE;
        for (Place pl : places) {
            double d = pl.local().distance(p);
            if (d < bestD) {
                bestD = d;
                best = pl;
            }
        }
        return best;
    }
}
