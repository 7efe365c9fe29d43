package luqiao.map.inspection;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Iterator;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import luqiao.map.store.inspection.InspectionStore;
import luqiao.map.web.AsOf;
import luqiao.map.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * One uploaded photo, checked by its content and made safe to serve: JPEG or PNG by their magic bytes (never the
 * name or the declared type); size and pixel caps, the pixels read from the header before anything is decoded (a
 * decompression bomb declares far more than its bytes hold); decoded once; the EXIF position and time read; the
 * image turned upright as EXIF says and re-encoded, which leaves every metadata block (EXIF, GPS, text chunks)
 * behind; and a JPEG thumbnail. Anything wrong is a 413 or 415 problem naming the photo.
 *
 * <p>HEIC/HEIF is refused: no library on Maven Central decodes it in Java (metadata-extractor reads its metadata
 * only), and the served photo must be re-encoded. Phone browsers send JPEG when the page asks for images.
 */
final class PhotoCheck {

    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Set<String> HEIF_BRANDS =
            Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif");
    private static final float JPEG_QUALITY = 0.9f;

    /** How long a photo waits for a decoding permit before the visit is answered 503. */
    private static final long WAIT_SECONDS = 20;

    private final InspectionProperties settings;
    private final Semaphore permits;

    PhotoCheck(InspectionProperties settings) {
        this.settings = settings;
        this.permits = new Semaphore(settings.maxConcurrentPhotos());
    }

    /** Refuses a photo whose size is over the cap before its bytes are read. */
    void checkSize(String name, long size) {
        long max = settings.maxPhotoSize().toBytes();
        if (size > max) {
            throw new ProblemException(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "Photo too large",
                            "photo '" + name + "' has " + size + " bytes; a photo may have at most " + max
                                    + " (luqiao.inspection.max-photo-size)")
                    .with("photo", name);
        }
    }

    /** The photo as it will be stored, or a 413/415 problem naming it. */
    InspectionStore.NewPhoto check(String name, byte[] bytes) {
        checkSize(name, bytes.length);
        String type = mediaType(name, bytes);
        acquire();
        try {
            return process(name, bytes, type);
        } finally {
            permits.release();
        }
    }

    /** Decoded pixels are the memory a photo costs (4 bytes each): at most max-concurrent-photos at once. */
    private void acquire() {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Photos busy",
                    "other visits' photos are being processed (at most " + settings.maxConcurrentPhotos()
                            + " at once); send the visit again shortly");
        }
    }

    private InspectionStore.NewPhoto process(String name, byte[] bytes, String type) {
        BufferedImage image = decode(name, bytes, type);
        Exif exif = Exif.read(bytes, type);
        BufferedImage upright = exif.upright(image);
        byte[] content = encode(name, upright, type);
        byte[] thumbnail = encode(name, thumbnail(upright), JPEG);
        return new InspectionStore.NewPhoto(
                content,
                thumbnail,
                type,
                upright.getWidth(),
                upright.getHeight(),
                exif.lat(),
                exif.lon(),
                exif.takenAt());
    }

    /** JPEG or PNG by the first bytes; 415 naming what it is otherwise, when that can be told. */
    static String mediaType(String name, byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (b.length >= 8 && Arrays.equals(Arrays.copyOf(b, 8), PNG_SIGNATURE)) {
            return PNG;
        }
        String what;
        if (b.length >= 12
                && new String(b, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")
                && HEIF_BRANDS.contains(new String(b, 8, 4, StandardCharsets.ISO_8859_1))) {
            what = "HEIC/HEIF, which the server cannot decode: send JPEG or PNG (on an iPhone, Settings → Camera →"
                    + " Formats → Most Compatible)";
        } else if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
            what = "a ZIP archive, not an image";
        } else if (b.length == 0) {
            what = "empty";
        } else {
            what = "neither JPEG nor PNG";
        }
        throw unsupported(
                name,
                "photo '" + name + "' is " + what + " (photos are recognised by their content, not"
                        + " their name or declared type; JPEG and PNG are accepted)");
    }

    private BufferedImage decode(String name, byte[] bytes, String type) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + type);
        }
        ImageReader reader = readers.next();
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            // The header's dimensions, before a single pixel is decoded.
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width * height > settings.maxPhotoPixels()) {
                throw new ProblemException(
                                HttpStatus.CONTENT_TOO_LARGE,
                                "Photo too large",
                                "photo '" + name + "' declares " + width + " × " + height + " = " + width * height
                                        + " pixels; a photo may have at most " + settings.maxPhotoPixels()
                                        + " (luqiao.inspection.max-photo-pixels)")
                        .with("photo", name);
            }
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw unsupported(
                    name,
                    "photo '" + name + "' starts like " + (type.equals(JPEG) ? "a JPEG" : "a PNG")
                            + " but cannot be decoded as one (damaged, truncated or an unsupported variant)");
        } finally {
            reader.dispose();
        }
    }

    private BufferedImage thumbnail(BufferedImage image) {
        int longSide = Math.max(image.getWidth(), image.getHeight());
        double scale = Math.min(1.0, (double) settings.thumbnailSize() / longSide);
        BufferedImage current = image;
        // Halving steps first: one bilinear step from thousands of pixels to hundreds drops most of them unseen.
        while (current.getWidth() * scale < current.getWidth() / 2.0 && current.getWidth() > 1) {
            current = scaled(current, Math.max(1, current.getWidth() / 2), Math.max(1, current.getHeight() / 2));
            scale *= 2;
        }
        return scaled(current, Math.max(1, (int) Math.round(current.getWidth() * scale)), Math.max(1, (int)
                Math.round(current.getHeight() * scale)));
    }

    /** Drawn on white in RGB: JPEG has no alpha. */
    private static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    /** The pixels alone: ImageIO writes no EXIF, GPS or text of its own. */
    private static byte[] encode(String name, BufferedImage image, String type) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByMIMEType(type).next();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            BufferedImage pixels = image;
            if (type.equals(JPEG)) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
                if (image.getColorModel().hasAlpha() || image.getType() == BufferedImage.TYPE_CUSTOM) {
                    pixels = scaled(image, image.getWidth(), image.getHeight());
                }
            }
            writer.write(null, new IIOImage(pixels, null, null), param);
        } catch (IOException | RuntimeException e) {
            throw unsupported(name, "photo '" + name + "' was decoded but cannot be re-encoded (" + type + ")");
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static ProblemException unsupported(String name, String detail) {
        return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported photo", detail).with("photo", name);
    }

    /** What the upload's EXIF says: position, time taken (district time when it names no offset), orientation. */
    record Exif(Double lat, Double lon, Instant takenAt, int orientation) {

        static final Exif NONE = new Exif(null, null, null, 1);

        /** Unreadable or absent metadata is no EXIF, never a refusal: the pixels were decoded already. */
        static Exif read(byte[] bytes, String type) {
            Metadata metadata;
            try {
                ByteArrayInputStream in = new ByteArrayInputStream(bytes);
                metadata = type.equals(JPEG) ? JpegMetadataReader.readMetadata(in) : PngMetadataReader.readMetadata(in);
            } catch (Exception e) {
                return NONE;
            }
            Double lat = null;
            Double lon = null;
            GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
            GeoLocation at = gps == null ? null : gps.getGeoLocation();
            if (at != null && !at.isZero() && Math.abs(at.getLatitude()) <= 90 && Math.abs(at.getLongitude()) <= 180) {
                lat = at.getLatitude();
                lon = at.getLongitude();
            }
            ExifSubIFDDirectory sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
            Date taken = sub == null ? null : sub.getDateOriginal(TimeZone.getTimeZone(AsOf.DISTRICT_TIME));
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            Integer orientation = ifd0 == null ? null : ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            return new Exif(lat, lon, taken == null ? null : taken.toInstant(), orientation == null ? 1 : orientation);
        }

        /** The image as it is meant to be seen (EXIF orientation 3, 6, 8: turned 180°, 90° and 270°). */
        BufferedImage upright(BufferedImage image) {
            int quarterTurns =
                    switch (orientation) {
                        case 3 -> 2;
                        case 6 -> 1;
                        case 8 -> 3;
                        default -> 0;
                    };
            if (quarterTurns == 0) {
                return image;
            }
            int w = image.getWidth();
            int h = image.getHeight();
            boolean swap = quarterTurns % 2 == 1;
            BufferedImage out = new BufferedImage(
                    swap ? h : w,
                    swap ? w : h,
                    image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
            AffineTransform turn = new AffineTransform();
            turn.translate(out.getWidth() / 2.0, out.getHeight() / 2.0);
            turn.quadrantRotate(quarterTurns);
            turn.translate(-w / 2.0, -h / 2.0);
            Graphics2D g = out.createGraphics();
            g.drawImage(image, turn, null);
            g.dispose();
            return out;
        }
    }
}
