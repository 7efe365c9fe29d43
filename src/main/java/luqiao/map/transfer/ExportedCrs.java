package luqiao.map.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import luqiao.map.geometry.Crs;

/**
 * The definitions written with exported files: the ESRI WKT of a shapefile's {@code .prj} and the
 * OGC WKT of a GeoPackage's {@code gpkg_spatial_ref_sys}, as GDAL 3.6 writes them for these EPSG codes
 * (resources {@code transfer/crs/EPSG_n.prj} and {@code .wkt}).
 */
final class ExportedCrs {

    private ExportedCrs() {}

    static String esriWkt(Crs crs) {
        return resource(crs.srid() + ".prj");
    }

    static String ogcWkt(Crs crs) {
        return resource(crs.srid() + ".wkt");
    }

    private static String resource(String name) {
        try (InputStream in = ExportedCrs.class.getResourceAsStream("/transfer/crs/EPSG_" + name)) {
            if (in == null) {
                throw new IllegalStateException("no CRS definition transfer/crs/EPSG_" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
