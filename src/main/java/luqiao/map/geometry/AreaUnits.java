package luqiao.map.geometry;

/** The land office's units: 1 亩 = 10000/15 m², 1 hectare = 10000 m² = 15 亩. */
public final class AreaUnits {

    public static final double M2_PER_MU = 10000.0 / 15.0;
    public static final double M2_PER_HECTARE = 10000.0;

    private AreaUnits() {}

    public static double mu(double m2) {
        return m2 / M2_PER_MU;
    }

    public static double hectares(double m2) {
        return m2 / M2_PER_HECTARE;
    }
}
