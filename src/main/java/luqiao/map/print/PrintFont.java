package luqiao.map.print;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The font file printed text is set in, found once at start: {@code luqiao.print.font}, else the first
 * installed of {@link #CANDIDATES} (TrueType outlines, which PDFBox embeds: Debian's fonts-wqy-microhei
 * first, the font the test script installs for the PNG tiles). The PDF embeds its glyphs; the PNG draws
 * with the same file, so both pages look alike. Without one, prints are refused (503) with a clear reason.
 */
@Component
class PrintFont {

    static final List<String> CANDIDATES = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/arphic/uming.ttc",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");

    private static final Logger log = LoggerFactory.getLogger(PrintFont.class);

    private final Path file;
    private final Font awt;

    PrintFont(PrintSettings settings) {
        List<String> paths = settings.font().isBlank() ? CANDIDATES : List.of(settings.font());
        this.file = paths.stream()
                .map(Path::of)
                .filter(Files::isReadable)
                .findFirst()
                .orElse(null);
        this.awt = file == null ? null : load(file);
        if (file == null) {
            log.warn(
                    "No font for printed maps: none of {} is installed (install fonts-wqy-microhei or set luqiao.print.font);"
                            + " /api/print answers 503",
                    paths);
        }
    }

    private static Font load(Path file) {
        try {
            // A .ttc holds several faces: the first is the regular one (WenQuanYi Micro Hei, not its Mono).
            return Font.createFonts(file.toFile())[0];
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("luqiao.print.font: " + file + " is not a TrueType font", e);
        }
    }

    /** The font file, when one is installed. */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The same face for Java2D (the PNG page), at 1 point. */
    Font awt() {
        return awt;
    }
}
