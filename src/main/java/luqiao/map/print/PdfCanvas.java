package luqiao.map.print;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The page as a one-page PDF (PDFBox): the map as a lossless image at {@link #DPI} filling its frame,
 * text as real text in the embedded (subset) CJK font, so it is sharp and can be searched and copied,
 * and symbols as vectors.
 */
final class PdfCanvas implements PageCanvas {

    /** How far a flattened curve may stray from the true one, in points (a fiftieth of a millimetre). */
    private static final double FLATNESS = 0.05;

    private final PDDocument document = new PDDocument();
    private final double height;
    private final TrueTypeCollection collection;
    private final PDType0Font font;
    private final PDPageContentStream content;

    PdfCanvas(double widthPoints, double heightPoints, Path fontFile, String title) {
        this.height = heightPoints;
        try {
            PDPage page = new PDPage(new PDRectangle((float) widthPoints, (float) heightPoints));
            document.addPage(page);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title);
            info.setCreator("Luqiao Map");
            TrueTypeFont face;
            if (fontFile.toString().toLowerCase().endsWith(".ttc")) {
                collection = new TrueTypeCollection(fontFile.toFile());
                TrueTypeFont[] first = new TrueTypeFont[1];
                collection.processAllFonts(ttf -> {
                    if (first[0] == null) {
                        first[0] = ttf;
                    }
                });
                face = first[0];
            } else {
                collection = null;
                face = new TTFParser().parse(new RandomAccessReadBufferedFile(fontFile.toFile()));
            }
            font = PDType0Font.load(document, face, true);
            content = new PDPageContentStream(document, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public double width(String text, float size) {
        try {
            return font.getStringWidth(printable(text)) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void text(String text, double x, double baseline, float size, Color colour) {
        try {
            content.beginText();
            content.setFont(font, size);
            content.setNonStrokingColor(colour);
            content.newLineAtOffset((float) x, (float) (height - baseline));
            content.showText(printable(text));
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void fill(Shape shape, Color colour) {
        try {
            content.setNonStrokingColor(colour);
            path(shape);
            content.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stroke(Shape shape, Color colour, float width) {
        try {
            content.setStrokingColor(colour);
            content.setLineWidth(width);
            path(shape);
            content.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void map(Rectangle2D frame, Consumer<Graphics2D> painter) {
        BufferedImage image = new BufferedImage(
                PageCanvas.pixels(frame.getWidth()), PageCanvas.pixels(frame.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        painter.accept(g);
        g.dispose();
        try {
            PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
            content.drawImage(
                    xobject, (float) frame.getX(), (float) (height - frame.getMaxY()), (float) frame.getWidth(), (float)
                            frame.getHeight());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] finish() {
        try (document) {
            content.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (collection != null) {
                try {
                    collection.close();
                } catch (IOException e) {
                    // The font file was only read; nothing is lost.
                }
            }
        }
    }

    /** The shape as a PDF path, y flipped (PDF's origin is the bottom-left corner), curves as fine polylines. */
    private void path(Shape shape) throws IOException {
        double[] c = new double[6];
        for (PathIterator i = shape.getPathIterator(null, FLATNESS); !i.isDone(); i.next()) {
            switch (i.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> content.moveTo((float) c[0], flip(c[1]));
                case PathIterator.SEG_LINETO -> content.lineTo((float) c[0], flip(c[1]));
                default -> content.closePath();
            }
        }
    }

    private float flip(double y) {
        return (float) (height - y);
    }

    /** The text with each character the font has no glyph for shown as '?', rather than failing the print. */
    private String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
