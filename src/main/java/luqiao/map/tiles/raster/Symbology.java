package luqiao.map.tiles.raster;

import java.awt.Color;
import java.util.List;

/**
 * How each layer is drawn besides its {@link Palette} colours: opacities, stroke widths and symbol sizes
 * in CSS pixels, and the zoom rules. One table for the PNG tiles and printed maps ({@link FeaturePainter})
 * and the MapLibre style ({@code tiles.style.MapStyle}), so that every rendering of the map agrees;
 * zooms are those of 256-pixel tiles.
 */
public final class Symbology {

    public static final double PARCEL_FILL_OPACITY = 0.6;
    public static final Color PARCEL_OUTLINE = new Color(0, 0, 0, 90);
    public static final float PARCEL_OUTLINE_WIDTH = 0.6f;
    /** Parcels are outlined from this zoom on: below it the outlines would cover the fills. */
    public static final int PARCEL_OUTLINE_MIN_ZOOM = 15;

    /** The zone kind drawn as a dashed boundary without fill or label: the whole district. */
    public static final String DISTRICT_KIND = "district";

    public static final float DISTRICT_WIDTH = 2.5f;
    /** Dash and gap lengths of the district boundary. */
    public static final float[] DISTRICT_DASH = {6, 4};

    public static final double ZONE_FILL_OPACITY = 0.12;
    public static final float ZONE_WIDTH = 2f;

    /** Project lines and polygon outlines. */
    public static final float PROJECT_WIDTH = 4f;

    public static final double PROJECT_FILL_OPACITY = 0.2;
    public static final float PROJECT_DOT_RADIUS = 6f;
    public static final double PROJECT_DOT_OPACITY = 0.9;
    public static final float PROJECT_DOT_OUTLINE_WIDTH = 1.5f;

    /**
     * Zone names: in the first of these families that is installed (with Chinese glyphs), bold, in this size,
     * colour and white halo (drawn as a stroke of twice the halo's reach).
     */
    public static final List<String> LABEL_FAMILIES = List.of(
            "Noto Sans CJK SC",
            "WenQuanYi Micro Hei",
            "WenQuanYi Zen Hei",
            "Noto Serif CJK SC",
            "Source Han Sans SC",
            "AR PL UMing CN");

    public static final float LABEL_SIZE = 13f;

    public static final Color LABEL_COLOUR = new Color(0x212121);
    public static final Color LABEL_HALO = new Color(255, 255, 255, 220);
    public static final float LABEL_HALO_STROKE = 3f;

    private Symbology() {}
}
