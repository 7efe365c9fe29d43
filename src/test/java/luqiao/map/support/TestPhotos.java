package luqiao.map.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Photos made for the inspection tests: real JPEG and PNG files, EXIF as cameras write it, and disguised files. */
public final class TestPhotos {

    private TestPhotos() {}

    /** A picture that is not one colour (a blue field, an orange disc), so re-encoding has something to keep. */
    public static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(70, 130, 180));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    public static byte[] png(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(picture(width, height), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A JPEG with EXIF GPS 28°35'52.08"N 121°21'20.88"E (28.5978, 121.3558) and DateTimeOriginal 2024:05:01
     * 09:30:00, upright.
     */
    public static byte[] jpegWithGps(int width, int height) {
        return jpegWithExif(width, height, 0);
    }

    /**
     * A JPEG written by ImageIO with an EXIF APP1 block put in after its JFIF header, as a phone camera writes
     * it: IFD0 (with Orientation when {@code orientation} is not 0), the Exif IFD with DateTimeOriginal, the
     * GPS IFD with latitude and longitude as degrees, minutes, seconds.
     */
    public static byte[] jpegWithExif(int width, int height, int orientation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(picture(width, height), "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jpeg = out.toByteArray();
        int entries0 = orientation == 0 ? 2 : 3;
        int exifIfd = 8 + 2 + 12 * entries0 + 4;
        int date = exifIfd + 2 + 12 + 4;
        int gpsIfd = date + 20;
        int lat = gpsIfd + 2 + 12 * 4 + 4;
        int lon = lat + 24;
        ByteBuffer tiff = ByteBuffer.allocate(lon + 24); // big-endian, as "MM" says
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) entries0);
        if (orientation != 0) {
            tiff.putShort((short) 0x0112)
                    .putShort((short) 3)
                    .putInt(1)
                    .putShort((short) orientation)
                    .putShort((short) 0);
        }
        entry(tiff, 0x8769, 4, 1, exifIfd);
        entry(tiff, 0x8825, 4, 1, gpsIfd);
        tiff.putInt(0);
        tiff.putShort((short) 1);
        entry(tiff, 0x9003, 2, 20, date);
        tiff.putInt(0);
        tiff.put("2024:05:01 09:30:00\0".getBytes(StandardCharsets.US_ASCII));
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        entry(tiff, 2, 5, 3, lat);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
        entry(tiff, 4, 5, 3, lon);
        tiff.putInt(0);
        tiff.putInt(28).putInt(1).putInt(35).putInt(1).putInt(5208).putInt(100);
        tiff.putInt(121).putInt(1).putInt(21).putInt(1).putInt(2088).putInt(100);
        byte[] exif = ByteBuffer.allocate(6 + tiff.capacity())
                .put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1))
                .put(tiff.array())
                .array();
        int app0End = 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff)); // SOI, then APP0 with its length
        ByteArrayOutputStream withExif = new ByteArrayOutputStream();
        withExif.write(jpeg, 0, app0End);
        withExif.write(0xff);
        withExif.write(0xe1);
        withExif.write((exif.length + 2) >> 8);
        withExif.write((exif.length + 2) & 0xff);
        withExif.writeBytes(exif);
        withExif.write(jpeg, app0End, jpeg.length - app0End);
        return withExif.toByteArray();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    /** A real ZIP archive holding a PNG: what a photo renamed from a .zip holds. */
    public static byte[] zip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("photo.png"));
            z.write(png(10, 10));
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A tiny PNG whose header declares width x height: a decompression bomb's header, a few dozen bytes. */
    public static byte[] pngDeclaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(
                out,
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put(new byte[] {8, 2, 0, 0, 0})
                        .array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The start of an iPhone HEIC file: an ISO BMFF ftyp box of brand heic. */
    public static byte[] heic() {
        return ByteBuffer.allocate(32)
                .putInt(24)
                .put("ftypheic".getBytes(StandardCharsets.US_ASCII))
                .putInt(0)
                .put("mif1heic".getBytes(StandardCharsets.US_ASCII))
                .array();
    }
}
