package luqiao.map.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import luqiao.map.store.inspection.InspectionStore;
import luqiao.map.support.TestPhotos;
import luqiao.map.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** Photo checks without a server: content detection, caps, EXIF, orientation, stripping, thumbnails. */
class PhotoCheckTest {

    static final InspectionProperties SETTINGS = new InspectionProperties(
            500, List.of("其他"), DataSize.ofMegabytes(10), 40_000_000, 10, DataSize.ofMegabytes(64), 320, 30, 2);

    final PhotoCheck check = new PhotoCheck(SETTINGS);

    @Test
    void exifIsReadAndLeftBehindAndAPortraitPhotoIsTurnedUpright() throws IOException {
        // Orientation 6: the camera stored a landscape frame of a portrait photo, to be turned 90° clockwise.
        InspectionStore.NewPhoto photo = check.check("p.jpg", TestPhotos.jpegWithExif(400, 300, 6));
        assertThat(photo.mediaType()).isEqualTo("image/jpeg");
        assertThat(List.of(photo.width(), photo.height())).containsExactly(300, 400);
        assertThat(photo.exifLat()).isCloseTo(28.5978, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(photo.exifLon()).isCloseTo(121.3558, org.assertj.core.data.Offset.offset(1e-6));
        // DateTimeOriginal names no offset: district time, +08:00.
        assertThat(photo.exifTakenAt()).isEqualTo(Instant.parse("2024-05-01T01:30:00Z"));
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(photo.content()));
        assertThat(List.of(stored.getWidth(), stored.getHeight())).containsExactly(300, 400);
        assertThat(new String(photo.content(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("Exif");
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(photo.thumbnail()));
        assertThat(List.of(thumbnail.getWidth(), thumbnail.getHeight())).containsExactly(240, 320);
    }

    @Test
    void aSmallPhotoKeepsItsSizeInTheThumbnail() throws IOException {
        InspectionStore.NewPhoto photo = check.check("s.png", TestPhotos.png(50, 20));
        assertThat(photo.mediaType()).isEqualTo("image/png");
        assertThat(photo.exifLat()).isNull();
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(photo.thumbnail()));
        assertThat(List.of(thumbnail.getWidth(), thumbnail.getHeight())).containsExactly(50, 20);
    }

    @Test
    void contentDecidesNotTheName() {
        assertRefused(() -> check.check("a.jpg", TestPhotos.zip()), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "ZIP");
        assertRefused(() -> check.check("a.heic", TestPhotos.heic()), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "HEIC");
        assertRefused(() -> check.check("a.png", new byte[0]), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "empty");
        assertRefused(
                () -> check.check("a.png", "GIF89a....".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "neither JPEG nor PNG");
        // A PNG named .jpg is a PNG.
        assertThat(check.check("renamed.jpg", TestPhotos.png(10, 10)).mediaType())
                .isEqualTo("image/png");
    }

    @Test
    void capsAreCheckedBeforeDecoding() {
        assertRefused(
                () -> check.check("bomb.png", TestPhotos.pngDeclaring(50_000, 50_000)),
                HttpStatus.CONTENT_TOO_LARGE,
                "2500000000 pixels");
        assertRefused(
                () -> check.checkSize("big.jpg", DataSize.ofMegabytes(10).toBytes() + 1),
                HttpStatus.CONTENT_TOO_LARGE,
                "big.jpg");
    }

    private static void assertRefused(Runnable call, HttpStatus status, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(detail);
        });
    }
}
