package luqiao.map.print;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.catalog.PublicPolicy;
import luqiao.map.store.tiles.TileStore;
import luqiao.map.tiles.raster.ViewRenderer;
import luqiao.map.web.AsOf;
import luqiao.map.web.ProblemException;
import org.locationtech.jts.geom.Envelope;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Prints a map sheet for the caller's view: the map drawn by the tiles' renderer ({@link ViewRenderer},
 * so the public's print holds exactly what the public's tiles hold), the legend of the printed layers
 * and filters, and the sheet's text, as a PDF or a 300-dpi PNG. At most {@code luqiao.print.max-concurrent}
 * prints are drawn at once, each a few hundred megabytes at most.
 */
@Component
class Printer {

    /** How long a print waits for another to finish before it is answered 503. */
    static final Duration WAIT = Duration.ofSeconds(20);

    private final ViewRenderer renderer;
    private final TileStore store;
    private final PrintFont font;
    private final PrintSettings settings;
    private final PublicPolicy policy;
    private final Semaphore permits;

    Printer(ViewRenderer renderer, TileStore store, PrintFont font, PrintSettings settings, PublicPolicy policy) {
        this.renderer = renderer;
        this.store = store;
        this.font = font;
        this.settings = settings;
        this.policy = policy;
        this.permits = new Semaphore(settings.maxConcurrent());
    }

    byte[] print(PrintRequest request, Audience audience) {
        if (font.file().isEmpty()) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Print unavailable",
                    "the server has no font with Chinese glyphs for printed maps (install fonts-wqy-microhei,"
                            + " or set luqiao.print.font)");
        }
        Envelope bbox = request.bbox() != null
                ? request.bbox()
                : store.extent(Layer.ZONES, audience)
                        .orElseThrow(() -> new ProblemException(
                                HttpStatus.BAD_REQUEST,
                                "Invalid parameter",
                                "bbox is needed: there are no zones to print"));
        acquire();
        try {
            double w = request.paper().width(request.landscape());
            double h = request.paper().height(request.landscape());
            PageCanvas canvas = request.pdf()
                    ? new PdfCanvas(w, h, font.file().get(), request.title())
                    : new PngCanvas(w, h, font.awt());
            Sheet.Text text = new Sheet.Text(
                    request.title(),
                    Legend.of(request.layers(), policy.stages(audience)),
                    AsOf.today(),
                    request.asOf(),
                    settings.source(),
                    settings.reviewNumber());
            new Sheet(canvas, w, h)
                    .draw(text, bbox, (g, view) -> renderer.paint(g, view, audience, request.asOf(), request.layers()));
            return canvas.finish();
        } finally {
            permits.release();
        }
    }

    private void acquire() {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Print busy",
                    "other maps are being printed (at most " + settings.maxConcurrent()
                            + " at once); try again shortly");
        }
    }
}
