package luqiao.map.geometry;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/** A change of every position of a geometry, e.g. a projection or an axis swap. */
@FunctionalInterface
public interface XYMapping {

    /** Writes the new position of (x, y) into {@code out[0]}, {@code out[1]}. */
    void map(double x, double y, double[] out);

    /** A copy of {@code geometry} with every position mapped, keeping its SRID; the input is unchanged. */
    default Geometry applyTo(Geometry geometry) {
        Geometry copy = geometry.copy();
        double[] out = new double[2];
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                map(seq.getX(i), seq.getY(i), out);
                seq.setOrdinate(i, 0, out[0]);
                seq.setOrdinate(i, 1, out[1]);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        copy.setSRID(geometry.getSRID());
        return copy;
    }
}
