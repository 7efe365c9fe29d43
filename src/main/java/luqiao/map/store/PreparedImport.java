package luqiao.map.store;

import org.locationtech.jts.geom.Envelope;

/**
 * One imported feature made ready to write ({@link SpatialStore#prepareImport}): its ground measures, its row as
 * the database takes it and its version row's text, computed on whichever thread checks the row, so that the one
 * thread holding the import's transaction only sends them (issue #18). On PostgreSQL both are COPY text already
 * in UTF-8, so that thread sends their bytes as they are.
 */
public final class PreparedImport {

    final String id;
    final Envelope envelope;
    /** The row as editing/insert binds it (H2GIS), or null. */
    final Object[] values;
    /** The feature as its {@code import} version records it ({@link FeatureJson}), with {@link #values}; or null. */
    final String afterJson;
    /** The row as one line of editing/copy, newline included, in UTF-8 (PostgreSQL), or null. */
    final byte[] copyLine;
    /** {@link #afterJson} as a value of a COPY line (escaped), in UTF-8, with {@link #copyLine}; or null. */
    final byte[] afterCopyText;

    private PreparedImport(
            String id, Envelope envelope, Object[] values, String afterJson, byte[] copyLine, byte[] afterCopyText) {
        this.id = id;
        this.envelope = envelope;
        this.values = values;
        this.afterJson = afterJson;
        this.copyLine = copyLine;
        this.afterCopyText = afterCopyText;
    }

    /** For editing/insert in JDBC batches. */
    static PreparedImport bound(String id, Envelope envelope, Object[] values, String afterJson) {
        return new PreparedImport(id, envelope, values, afterJson, null, null);
    }

    /** For COPY: the row's line and the version's text, both as COPY text in UTF-8. */
    static PreparedImport copied(String id, Envelope envelope, byte[] copyLine, byte[] afterCopyText) {
        return new PreparedImport(id, envelope, null, null, copyLine, afterCopyText);
    }

    /** The feature's id. */
    public String id() {
        return id;
    }
}
