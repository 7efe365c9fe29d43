package luqiao.map.print;

/** The sheets a map is printed on (ISO 216), portrait sizes in millimetres. */
enum Paper {
    A4(210, 297),
    A3(297, 420);

    static final double POINTS_PER_MM = 72 / 25.4;

    private final double shortMm;
    private final double longMm;

    Paper(double shortMm, double longMm) {
        this.shortMm = shortMm;
        this.longMm = longMm;
    }

    /** Width of the page in PDF points (1/72 inch). */
    double width(boolean landscape) {
        return (landscape ? longMm : shortMm) * POINTS_PER_MM;
    }

    /** Height of the page in PDF points. */
    double height(boolean landscape) {
        return (landscape ? shortMm : longMm) * POINTS_PER_MM;
    }
}
