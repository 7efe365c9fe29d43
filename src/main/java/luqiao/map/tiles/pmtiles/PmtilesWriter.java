package luqiao.map.tiles.pmtiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a PMTiles v3 archive of gzipped MVT tiles (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
 * the 127-byte header, a root directory, the JSON metadata, leaf directories when the root alone would not fit
 * in the first 16 KiB, then the tile data. Identical tiles are stored once, and consecutive tiles with the same
 * content share one run-length entry.
 *
 * <p>Hand-written because the only Java writer on Maven Central is part of {@code planetiler-core}, a whole
 * map-building toolkit many times the size of this application for what is about two hundred lines here.
 * The archive is built in memory: the tiles of one town's public layers are a few megabytes.
 */
public final class PmtilesWriter {

    private static final int HEADER_LENGTH = 127;
    private static final int ROOT_BUDGET = 16_384 - HEADER_LENGTH;
    private static final byte GZIP = 2;
    private static final byte MVT = 1;

    private record Entry(long tileId, long offset, int length, int runLength) {}

    /** The gzipped tiles by Hilbert TileID (the order the spec asks of directories and clustered data). */
    private final TreeMap<Long, byte[]> tiles = new TreeMap<>();

    /** Adds one tile, already gzipped; a tile added twice keeps the second. */
    public void add(int z, int x, int y, byte[] gzippedMvt) {
        tiles.put(tileId(z, x, y), gzippedMvt);
    }

    public int tileCount() {
        return tiles.size();
    }

    /**
     * Writes the archive.
     *
     * @param bounds min lon, min lat, max lon, max lat
     * @param center lon, lat
     */
    public void write(
            Path file,
            int minZoom,
            int maxZoom,
            double[] bounds,
            double[] center,
            int centerZoom,
            String metadataJson) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        List<Entry> entries = new ArrayList<>();
        Map<String, long[]> stored = new HashMap<>();
        for (Map.Entry<Long, byte[]> tile : tiles.entrySet()) {
            byte[] body = tile.getValue();
            long[] at = stored.computeIfAbsent(sha256(body), k -> {
                long offset = data.size();
                data.writeBytes(body);
                return new long[] {offset, body.length};
            });
            Entry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
            if (last != null && last.offset == at[0] && last.tileId + last.runLength == tile.getKey()) {
                entries.set(entries.size() - 1, new Entry(last.tileId, last.offset, last.length, last.runLength + 1));
            } else {
                entries.add(new Entry(tile.getKey(), at[0], (int) at[1], 1));
            }
        }
        byte[] root = gzip(directory(entries));
        ByteArrayOutputStream leaves = new ByteArrayOutputStream();
        for (int leafSize = 4096; root.length > ROOT_BUDGET; leafSize *= 2) {
            leaves.reset();
            List<Entry> rootEntries = new ArrayList<>();
            for (int i = 0; i < entries.size(); i += leafSize) {
                byte[] leaf = gzip(directory(entries.subList(i, Math.min(entries.size(), i + leafSize))));
                rootEntries.add(new Entry(entries.get(i).tileId, leaves.size(), leaf.length, 0));
                leaves.writeBytes(leaf);
            }
            root = gzip(directory(rootEntries));
        }
        byte[] metadata = gzip(metadataJson.getBytes(StandardCharsets.UTF_8));
        long metadataOffset = HEADER_LENGTH + root.length;
        long leavesOffset = metadataOffset + metadata.length;
        long dataOffset = leavesOffset + leaves.size();
        ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.put("PMTiles".getBytes(StandardCharsets.US_ASCII)).put((byte) 3);
        header.putLong(HEADER_LENGTH).putLong(root.length);
        header.putLong(metadataOffset).putLong(metadata.length);
        header.putLong(leavesOffset).putLong(leaves.size());
        header.putLong(dataOffset).putLong(data.size());
        header.putLong(tiles.size()).putLong(entries.size()).putLong(stored.size());
        // Clustered: each new content is appended in TileID order; repeats point back to the first copy.
        header.put((byte) 1).put(GZIP).put(GZIP).put(MVT);
        header.put((byte) minZoom).put((byte) maxZoom);
        header.putInt(e7(bounds[0])).putInt(e7(bounds[1])).putInt(e7(bounds[2])).putInt(e7(bounds[3]));
        header.put((byte) centerZoom).putInt(e7(center[0])).putInt(e7(center[1]));
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header.array());
            out.write(root);
            out.write(metadata);
            leaves.writeTo(out);
            data.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The Hilbert TileID: the tiles of all lower zooms, then the tile's position on this zoom's Hilbert curve. */
    static long tileId(int z, int x, int y) {
        long below = ((1L << (2 * z)) - 1) / 3;
        long n = 1L << z;
        long tx = x;
        long ty = y;
        long d = 0;
        for (long s = n / 2; s > 0; s /= 2) {
            long rx = (tx & s) > 0 ? 1 : 0;
            long ry = (ty & s) > 0 ? 1 : 0;
            d += s * s * ((3 * rx) ^ ry);
            if (ry == 0) {
                if (rx == 1) {
                    tx = n - 1 - tx;
                    ty = n - 1 - ty;
                }
                long t = tx;
                tx = ty;
                ty = t;
            }
        }
        return below + d;
    }

    /** A directory: the entry count, then TileID deltas, run lengths, lengths and offsets, each as varints. */
    private static byte[] directory(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, entries.size());
        long previous = 0;
        for (Entry e : entries) {
            varint(out, e.tileId - previous);
            previous = e.tileId;
        }
        entries.forEach(e -> varint(out, e.runLength));
        entries.forEach(e -> varint(out, e.length));
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            Entry before = i == 0 ? null : entries.get(i - 1);
            // Zero means "right after the previous entry's bytes"; any other offset is stored plus one.
            boolean contiguous = before != null && e.offset == before.offset + before.length;
            varint(out, contiguous ? 0 : e.offset + 1);
        }
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static int e7(double degrees) {
        return (int) Math.round(degrees * 10_000_000);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
