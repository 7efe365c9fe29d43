package luqiao.map.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;

/**
 * The polygons of a KML document (WGS 84 lon/lat, as KML always is), for the red-line query; its
 * points and lines are only counted, so a refusal can say what the file held instead.
 *
 * <p>A small reader of its own: the import pipeline takes no KML (the layers' attributes do not
 * travel in it), and JTS's {@code KMLReader} parses one geometry element, not a document of
 * folders and placemarks. This one walks the document with StAX (DTDs and external entities off,
 * so a file cannot make the server read other files or expand entity bombs) and reads every
 * {@code Polygon}'s outer and inner {@code LinearRing} coordinates, wherever it is nested
 * ({@code MultiGeometry}, {@code Folder}, {@code Document}).
 */
final class KmlPolygons {

    /** What the document held. */
    record Content(List<Geometry> polygons, int points, int lines) {}

    private final GeometryFactory factory = new GeometryFactory();
    private final int maxVertices;
    private int vertices;

    private KmlPolygons(int maxVertices) {
        this.maxVertices = maxVertices;
    }

    /** Whether the file's name or first bytes say KML. */
    static boolean isKml(Path file, String filename) throws IOException {
        if (filename != null && filename.toLowerCase(java.util.Locale.ROOT).endsWith(".kml")) {
            return true;
        }
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String start = new String(head, 0, n, java.nio.charset.StandardCharsets.UTF_8).stripLeading();
        return (start.startsWith("<?xml") || start.startsWith("\uFEFF<?xml") || start.startsWith("<kml"))
                && start.contains("<kml");
    }

    /** The polygons of the file; an {@link IOException} saying why when it is not readable KML. */
    static Content read(Path file, int maxVertices) throws IOException {
        return new KmlPolygons(maxVertices).readAll(file);
    }

    private Content readAll(Path file) throws IOException {
        XMLInputFactory xml = XMLInputFactory.newFactory();
        xml.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xml.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<Geometry> polygons = new ArrayList<>();
        int points = 0;
        int lines = 0;
        boolean kml = false;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = xml.createXMLStreamReader(in);
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "kml" -> kml = true;
                    case "Polygon" -> polygons.add(polygon(r));
                    case "Point" -> points++;
                    case "LineString" -> lines++;
                    default -> {}
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("not readable KML (" + e.getMessage() + ")");
        }
        if (!kml) {
            throw new IOException("not a KML document: it has no <kml> element");
        }
        return new Content(polygons, points, lines);
    }

    /** The Polygon the reader is at, up to its end tag. */
    private Geometry polygon(XMLStreamReader r) throws XMLStreamException, IOException {
        LinearRing shell = null;
        List<LinearRing> holes = new ArrayList<>();
        boolean inner = false;
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                switch (r.getLocalName()) {
                    case "outerBoundaryIs" -> inner = false;
                    case "innerBoundaryIs" -> inner = true;
                    case "coordinates" -> {
                        depth--;
                        LinearRing ring = ring(r.getElementText());
                        if (inner) {
                            holes.add(ring);
                        } else {
                            shell = ring;
                        }
                    }
                    default -> {}
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        if (shell == null) {
            throw new IOException("a KML Polygon has no outerBoundaryIs coordinates");
        }
        return factory.createPolygon(shell, holes.toArray(LinearRing[]::new));
    }

    /** A ring from KML's "lon,lat[,alt]" tuples separated by white space; closed if the file left it open. */
    private LinearRing ring(String text) throws IOException {
        List<Coordinate> coordinates = new ArrayList<>();
        for (String tuple : text.strip().split("\\s+")) {
            if (tuple.isEmpty()) {
                continue;
            }
            String[] parts = tuple.split(",");
            try {
                coordinates.add(new Coordinate(Double.parseDouble(parts[0]), Double.parseDouble(parts[1])));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException("a KML coordinate is not lon,lat: '" + tuple + "'");
            }
            if (++vertices > maxVertices) {
                throw new IOException("the KML polygons have more than " + maxVertices + " vertices");
            }
        }
        if (!coordinates.isEmpty() && !coordinates.get(0).equals2D(coordinates.get(coordinates.size() - 1))) {
            coordinates.add(coordinates.get(0).copy());
        }
        if (coordinates.size() < 4) {
            throw new IOException("a KML polygon ring has fewer than 3 distinct positions");
        }
        return factory.createLinearRing(coordinates.toArray(Coordinate[]::new));
    }
}
