package luqiao.map.transfer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * The GeoPackage geometry blob (GeoPackage 1.3, clause 2.1.3): a header ("GP", version, flags, SRS id,
 * optional envelope) followed by standard WKB. Small enough to write here rather than pull in a
 * GeoPackage library (GeoTools is not available, see shared/STACK.md).
 */
final class GeoPackageBinary {

    private static final int[] ENVELOPE_BYTES = {0, 32, 48, 48, 64};

    private GeoPackageBinary() {}

    static Geometry read(byte[] blob) throws ParseException {
        if (blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
            throw new ParseException("not a GeoPackage geometry (no 'GP' header)");
        }
        int flags = blob[3];
        int envelope = (flags >> 1) & 7;
        if (envelope >= ENVELOPE_BYTES.length) {
            throw new ParseException("invalid GeoPackage geometry header (envelope code " + envelope + ")");
        }
        if ((flags & 0x10) != 0) {
            throw new ParseException("the geometry is empty");
        }
        int offset = 8 + ENVELOPE_BYTES[envelope];
        byte[] wkb = new byte[blob.length - offset];
        System.arraycopy(blob, offset, wkb, 0, wkb.length);
        return new WKBReader().read(wkb);
    }

    /** The blob of a 2D geometry with its xy envelope, little-endian header. */
    static byte[] write(Geometry geometry, int srsId) {
        byte[] wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN).write(geometry);
        Envelope e = geometry.getEnvelopeInternal();
        ByteBuffer b = ByteBuffer.allocate(8 + 32 + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'G').put((byte) 'P').put((byte) 0).put((byte) (1 | (1 << 1)));
        b.putInt(srsId);
        b.putDouble(e.getMinX()).putDouble(e.getMaxX()).putDouble(e.getMinY()).putDouble(e.getMaxY());
        b.put(wkb);
        return b.array();
    }
}
