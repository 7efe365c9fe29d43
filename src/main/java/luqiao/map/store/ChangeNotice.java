package luqiao.map.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import luqiao.map.catalog.Layer;
import org.locationtech.jts.geom.Envelope;

/**
 * The text of a {@code NOTIFY luqiao_features} payload: the writing instance, the layer and the changed
 * envelopes, as {@code instance|layer|minX,minY,maxX,maxY;…} (lon/lat, plain ASCII).
 *
 * <p>PostgreSQL refuses payloads of 8000 bytes or more: when the envelopes do not fit, they are merged into
 * the one envelope that covers them all, which evicts more tiles than needed but never fewer.
 */
record ChangeNotice(String instance, Layer layer, List<Envelope> envelopes) {

    /** Bytes a payload may take: below PostgreSQL's 8000, with room to spare. */
    static final int MAX_BYTES = 7900;

    ChangeNotice {
        envelopes = List.copyOf(envelopes);
    }

    /** The payload; at most {@link #MAX_BYTES} bytes. */
    String payload() {
        String full = text(envelopes);
        if (full.getBytes(StandardCharsets.US_ASCII).length <= MAX_BYTES) {
            return full;
        }
        Envelope all = new Envelope();
        envelopes.forEach(all::expandToInclude);
        return text(List.of(all));
    }

    private String text(List<Envelope> boxes) {
        StringBuilder s =
                new StringBuilder(instance).append('|').append(layer.id()).append('|');
        for (Envelope e : boxes) {
            if (e.isNull()) {
                continue; // an empty geometry touches no tile
            }
            if (s.charAt(s.length() - 1) != '|') {
                s.append(';');
            }
            s.append(e.getMinX()).append(',').append(e.getMinY()).append(',');
            s.append(e.getMaxX()).append(',').append(e.getMaxY());
        }
        return s.toString();
    }

    /** The notice in a payload; empty when it is not one (another program's NOTIFY on the channel). */
    static Optional<ChangeNotice> parse(String payload) {
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Optional<Layer> layer = Layer.byName(parts[1]);
        if (layer.isEmpty()) {
            return Optional.empty();
        }
        List<Envelope> envelopes = new ArrayList<>();
        try {
            for (String box : parts[2].isEmpty() ? new String[0] : parts[2].split(";")) {
                String[] n = box.split(",");
                if (n.length != 4) {
                    return Optional.empty();
                }
                envelopes.add(new Envelope(
                        Double.parseDouble(n[0]),
                        Double.parseDouble(n[2]),
                        Double.parseDouble(n[1]),
                        Double.parseDouble(n[3])));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new ChangeNotice(parts[0], layer.get(), envelopes));
    }
}
