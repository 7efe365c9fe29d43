package luqiao.map.store;

import org.locationtech.jts.geom.Envelope;

/**
 * One imported feature made ready to write ({@link SpatialStore#prepareImport}): its ground measures, its row as
 * the database takes it and its version row's text, computed on whichever thread checks the row, so that the one
 * thread holding the import's transaction only sends them (issue #18).
 */
public final class PreparedImport {

    final String id;
    final Envelope envelope;
    /** The row as editing/insert binds it (H2GIS), or null. */
    final Object[] values;
    /** The row as one line of editing/copy (PostgreSQL), or null. */
    final String copyLine;
    /** The feature as its {@code import} version records it ({@link FeatureJson}). */
    final String afterJson;

    PreparedImport(String id, Envelope envelope, Object[] values, String copyLine, String afterJson) {
        this.id = id;
        this.envelope = envelope;
        this.values = values;
        this.copyLine = copyLine;
        this.afterJson = afterJson;
    }

    /** The feature's id. */
    public String id() {
        return id;
    }
}
