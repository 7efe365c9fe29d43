package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import luqiao.map.support.Caller;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;

/**
 * Printed maps (专题图, issue #15) over real HTTP: PDF pages of the paper's size in points, PNG pages of
 * its size at 300 dpi that say so, the sheet's text read back from the PDF by poppler (pdftotext,
 * pdftoppm) as a person's viewer would, the public's print without internal projects, and refusals.
 */
abstract class PrintContract extends BackendContract {

    static final double A4_SHORT = 210 * 72 / 25.4;
    static final double A4_LONG = 297 * 72 / 25.4;
    static final double A3_LONG = 420 * 72 / 25.4;
    static final Path OUT = Path.of("target/print");

    Caller anonymous() {
        return Caller.anonymous(port);
    }

    Caller staff() {
        return new Caller(port, SecurityContract.ADMIN);
    }

    @Test
    void aPdfPageIsThePapersSizeInPoints() throws IOException {
        try (PDDocument a4 = pdf(anonymous(), "/api/print?format=pdf&paper=A4&orientation=portrait")) {
            assertThat(a4.getNumberOfPages()).isEqualTo(1);
            assertThat(a4.getPage(0).getMediaBox().getWidth()).isCloseTo((float) A4_SHORT, within(0.5f));
            assertThat(a4.getPage(0).getMediaBox().getHeight()).isCloseTo((float) A4_LONG, within(0.5f));
        }
        try (PDDocument a3 = pdf(anonymous(), "/api/print?paper=A3&orientation=landscape&title=A3")) {
            assertThat(a3.getPage(0).getMediaBox().getWidth()).isCloseTo((float) A3_LONG, within(0.5f));
            assertThat(a3.getPage(0).getMediaBox().getHeight()).isCloseTo((float) A4_LONG, within(0.5f));
            // The map is an image at 300 dpi of its frame: sharp on paper, not a screen's worth scaled up.
            PDImageXObject map = mapImage(a3.getPage(0));
            assertThat(map.getWidth()).isGreaterThan(4000);
        }
    }

    @Test
    void aPngPageIsThePapersSizeAt300DpiAndSaysSo() throws IOException {
        Caller.Answer a = anonymous().get("/api/print?format=png&paper=A4&orientation=portrait&layers=zones");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.header("Content-Type")).isEqualTo("image/png");
        assertThat(a.header("Content-Disposition")).contains("attachment").contains(".png");
        assertThat(a.header("Cache-Control")).contains("no-store");
        BufferedImage page = ImageIO.read(new ByteArrayInputStream(a.bytes()));
        assertThat(page.getWidth()).isCloseTo(2480, within(1));
        assertThat(page.getHeight()).isCloseTo(3508, within(1));
        // pHYs: 300 dots per inch are 11811 pixels per metre, on both axes, the unit being the metre.
        assertThat(physicalChunk(a.bytes())).containsExactly(11811, 11811, 1);
        Files.createDirectories(OUT);
        Files.write(OUT.resolve(getClass().getEnclosingClass().getSimpleName() + "-A4-portrait.png"), a.bytes());
    }

    @Test
    void popplerReadsTheTitleLegendScaleDateSourceReviewNumberAndNorthArrow() throws Exception {
        Files.createDirectories(OUT);
        String name = getClass().getEnclosingClass().getSimpleName() + "-A4-landscape";
        Path file = OUT.resolve(name + ".pdf");
        Caller.Answer a = staff().get("/api/print?format=pdf&paper=A4&orientation=landscape"
                + "&title=%E8%B7%AF%E6%A1%A5%E5%8C%BA%E9%87%8D%E7%82%B9%E9%A1%B9%E7%9B%AE%E5%88%86%E5%B8%83%E5%9B%BE"
                + "&asOf=2024-06-30");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.header("Content-Type")).isEqualTo("application/pdf");
        Files.write(file, a.bytes());

        String text = run("pdftotext", "-layout", file.toString(), "-");
        assertThat(text)
                .contains("路桥区重点项目分布图")
                .contains("图例")
                .contains("行政区")
                .contains("重点区块")
                .contains("谋划")
                .contains("竣工")
                .contains("居住用地")
                .contains("审图号：浙S(2024)000号")
                .contains("资料来源：")
                .contains("数据时点：2024-06-30")
                .contains("制图日期：")
                .containsPattern("比例尺 1:[0-9,]+");
        assertThat(Pattern.compile("\\b\\d+ k?m\\b").matcher(text).find())
                .as("a scale bar label such as '5 km' in %s", text)
                .isTrue();

        // At 72 dpi a pixel is a point: the page is the paper, and the north arrow is where its "N" says.
        run(
                "pdftoppm",
                "-r",
                "72",
                "-png",
                "-singlefile",
                file.toString(),
                OUT.resolve(name).toString());
        BufferedImage page = ImageIO.read(OUT.resolve(name + ".png").toFile());
        assertThat(page.getWidth()).isCloseTo((int) Math.round(A4_LONG), within(1));
        assertThat(page.getHeight()).isCloseTo((int) Math.round(A4_SHORT), within(1));
        double[] n = wordBox(run("pdftotext", "-bbox", file.toString(), "-"), "N");
        assertThat(n[0]).as("the N is in the map's top-right corner").isGreaterThan(A4_LONG * 0.85);
        assertThat(n[1]).isLessThan(A4_SHORT * 0.25);
        int dark = 0;
        for (int x = (int) n[0] - 8; x <= (int) n[2] + 8; x++) {
            for (int y = (int) n[3] + 1; y <= (int) n[3] + 22; y++) {
                int rgb = page.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 80 && ((rgb >> 8) & 0xff) < 80 && (rgb & 0xff) < 80) {
                    dark++;
                }
            }
        }
        assertThat(dark).as("the arrow under the N").isGreaterThan(20);
    }

    @Test
    void thePublicsPrintHoldsNoInternalProjectWhereTheStaffsDoes() throws IOException {
        Map<String, Object> p = internalProjectAlone();
        String bbox = p.get("minx") + "," + p.get("miny") + "," + p.get("maxx") + "," + p.get("maxy");
        String path = "/api/print?format=pdf&layers=projects&bbox=" + bbox;
        try (PDDocument pub = pdf(anonymous(), path);
                PDDocument all = pdf(staff(), path)) {
            assertThat(coloured(mapImage(all.getPage(0))))
                    .as("staff see %s", p.get("code"))
                    .isGreaterThan(100);
            assertThat(coloured(mapImage(pub.getPage(0))))
                    .as("the public's map at %s is blank", p.get("code"))
                    .isZero();
        }
        String publicText = pdfText(anonymous(), path);
        for (String stage : PublicFaceContract.INTERNAL) {
            assertThat(publicText).as("the public's legend").doesNotContain(stage);
        }
        assertThat(pdfText(staff(), path)).contains("谋划").contains("前期");
    }

    @Test
    void badRequestsAreRefusedNamingTheParameter() {
        for (String[] c : List.of(
                new String[] {"paper=A0", "paper"},
                new String[] {"format=tiff", "format"},
                new String[] {"orientation=sideways", "orientation"},
                new String[] {"dpi=1200", "dpi"},
                new String[] {"layers=owners", "layers"},
                new String[] {"layers=", "layers"},
                new String[] {"stages=%E8%B0%8B%E5%88%92", "stages"},
                new String[] {"layers=zones&stages=%E5%BC%80%E5%B7%A5", "stages"},
                new String[] {"landuse=99", "landuse"},
                new String[] {"bbox=121.4,28.5,121.3,28.6", "bbox"},
                new String[] {"bbox=121.4,28.5,121.4,28.6", "bbox"},
                new String[] {"title=" + "x".repeat(61), "title"},
                new String[] {"asOf=2999-01-01", "asOf"})) {
            Caller.Answer a = anonymous().get("/api/print?" + c[0]);
            assertThat(a.status()).as(c[0]).isEqualTo(400);
            assertThat(a.header("Content-Type")).as(c[0]).startsWith("application/problem+json");
            assertThat(a.json().path("parameter").asString())
                    .as(c[0] + " " + a.text())
                    .isEqualTo(c[1]);
        }
    }

    /** An internal project with a box around it in which no public project lies, even once fitted to a frame. */
    Map<String, Object> internalProjectAlone() {
        List<Map<String, Object>> candidates =
                jdbc.queryForList("SELECT code, ST_XMin(geom) - 0.002 AS minx, ST_YMin(geom) - 0.002 AS miny,"
                        + " ST_XMax(geom) + 0.002 AS maxx, ST_YMax(geom) + 0.002 AS maxy FROM projects"
                        + " WHERE stage NOT IN ('开工', '竣工') ORDER BY code");
        for (Map<String, Object> c : candidates) {
            double minx = ((Number) c.get("minx")).doubleValue(), maxx = ((Number) c.get("maxx")).doubleValue();
            double miny = ((Number) c.get("miny")).doubleValue(), maxy = ((Number) c.get("maxy")).doubleValue();
            double w = Math.max(maxx - minx, maxy - miny) * 2;
            Long publicNear = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM projects WHERE stage IN ('开工', '竣工')"
                            + " AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))",
                    Long.class,
                    minx - w,
                    miny - w,
                    maxx + w,
                    maxy + w);
            if (publicNear == 0) {
                return c;
            }
        }
        throw new AssertionError("no internal project stands apart from the public ones");
    }

    static PDDocument pdf(Caller caller, String path) {
        Caller.Answer a = caller.get(path);
        assertThat(a.status()).as(path + " " + a.text()).isEqualTo(200);
        assertThat(a.header("Content-Type")).isEqualTo("application/pdf");
        try {
            return Loader.loadPDF(a.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the PDF as pdftotext reads it. */
    static String pdfText(Caller caller, String path) {
        try {
            Path file = Files.createTempFile("print", ".pdf");
            try {
                Files.write(file, caller.get(path).bytes());
                return run("pdftotext", file.toString(), "-");
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's one image: the map. */
    static PDImageXObject mapImage(PDPage page) {
        try {
            List<PDImageXObject> images = new ArrayList<>();
            for (COSName name : page.getResources().getXObjectNames()) {
                if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
                    images.add(image);
                }
            }
            assertThat(images).as("the map image").hasSize(1);
            return images.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pixels that are neither white nor grey: drawn in a colour. */
    static int coloured(PDImageXObject image) {
        try {
            BufferedImage map = image.getImage();
            int n = 0;
            for (int y = 0; y < map.getHeight(); y += 2) {
                for (int x = 0; x < map.getWidth(); x += 2) {
                    int rgb = map.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                    if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 30) {
                        n++;
                    }
                }
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pHYs chunk's pixels per unit (x, y) and unit, or nothing when the PNG has none. */
    static int[] physicalChunk(byte[] png) {
        ByteBuffer b = ByteBuffer.wrap(png);
        b.position(8);
        while (b.remaining() > 12) {
            int length = b.getInt();
            byte[] type = new byte[4];
            b.get(type);
            if (new String(type, StandardCharsets.US_ASCII).equals("pHYs")) {
                return new int[] {b.getInt(), b.getInt(), b.get()};
            }
            b.position(b.position() + length + 4);
        }
        return new int[0];
    }

    /** xMin, yMin, xMax, yMax of the first word {@code word} in pdftotext's -bbox output (points, y down). */
    static double[] wordBox(String bboxHtml, String word) {
        Matcher m = Pattern.compile("<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">"
                        + Pattern.quote(word) + "</word>")
                .matcher(bboxHtml);
        assertThat(m.find()).as("the word %s in %s", word, bboxHtml).isTrue();
        return new double[] {
            Double.parseDouble(m.group(1)),
            Double.parseDouble(m.group(2)),
            Double.parseDouble(m.group(3)),
            Double.parseDouble(m.group(4))
        };
    }

    /** Runs a poppler tool (Debian's poppler-utils, installed by scripts/test.sh) and answers its output. */
    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).as(command[0]).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
            return out;
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is missing: install poppler-utils (scripts/test.sh does)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
