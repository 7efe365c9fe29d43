package luqiao.map.gisdata;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import luqiao.map.gisdata.GeoJson.Feature;

/**
 * Regenerates the shipped data set in {@code gis-data/}: zones.geojson, projects.geojson and
 * parcels.geojson.
 *
 * <p>Usage (from the repository root; the generator lives in the test sources so it never ships):
 * <pre>
 * ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "target/test-classes:$(cat target/cp.txt)" luqiao.map.gisdata.GisDataGenerator ../shared/gis-sources gis-data
 * </pre>
 * Arguments: [gis-sources dir, default ../shared/gis-sources] [output dir, default gis-data].
 *
 * <p>Deterministic: one fixed seed drives every random choice, and the order of generation is
 * fixed, so two runs produce byte-identical files.
 */
public final class GisDataGenerator {

    /** The date of the party congress that adopted the plan (2024-01-10), as a seed. */
    static final long SEED = 20240110L;

    private GisDataGenerator() {}

    public static void main(String[] args) throws Exception {
        Path sources = Path.of(args.length > 0 ? args[0] : "../shared/gis-sources");
        Path outDir = Path.of(args.length > 1 ? args[1] : "gis-data");

        Sources src = Sources.load(sources);
        ZoneCatalog zones = new ZoneCatalog(src);
        // Separate generators per file, so that editing the project list does not reshuffle parcels.
        List<Feature> projects = new ProjectCatalog(zones, new Random(SEED)).features();
        List<Feature> parcels = new ParcelGenerator(src, zones, new Random(SEED + 1)).generate();

        GeoJson.writeCollection(outDir.resolve("zones.geojson"), zones.features());
        GeoJson.writeCollection(outDir.resolve("projects.geojson"), projects);
        GeoJson.writeCollection(outDir.resolve("parcels.geojson"), parcels);
        System.out.printf(
                "zones=%d projects=%d parcels=%d -> %s%n",
                zones.zones.size(), projects.size(), parcels.size(), outDir.toAbsolutePath());
    }
}
